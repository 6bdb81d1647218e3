package docgen

import (
	"bytes"
	"fmt"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// WritesFile is the generated page on writes under faults.
const WritesFile = "writes-and-faults.md"

// writesPage is the page on what each write does when the network or the vendor fails: one row
// per write of the registry and vendor call it sends, from the vendors' write declarations.
func writesPage() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("# Writes under faults\n\n")
	b.WriteString("Every INSERT, UPDATE, DELETE and mutating procedure sends one vendor call that changes state per row (after the reads it needs). ")
	b.WriteString("A call can fail in three ways, and credsql treats each differently:\n\n")
	b.WriteString("- **Never sent**: the connection was refused, or the TLS handshake failed, before any byte of the request was written. ")
	fmt.Fprintf(&b, "Nothing reached the vendor, so every write is tried again, up to %d more times. ", fetch.DefaultMaxRetries)
	b.WriteString("If the vendor stays unreachable the error says *the request never reached the vendor: nothing was changed*.\n")
	b.WriteString("- **Answer lost**: the request was sent, then the connection was reset, no answer came within `--api-timeout`, or a 5xx came back ")
	b.WriteString("(from the vendor or from a proxy in front of it). The vendor may have made the change. ")
	b.WriteString("Only an idempotent call, one that leaves the vendor the same whether it is applied once or twice, is sent again; ")
	b.WriteString("a DELETE that then finds the object gone (404) has done its job. Any other call is never sent twice: the error says *outcome unknown*, ")
	b.WriteString("names the vendor's request id when the vendor sent one, and gives the exact `SELECT` that shows whether the change was made. ")
	b.WriteString("An idempotent call whose answers are all lost ends the same way.\n")
	b.WriteString("- **Rate limited (429)**: the vendor refused the request. Where the vendor documents that a 429 was not acted on and says when to try again, ")
	b.WriteString("the write waits for that time (within `--max-wait`) and is sent again, as reads are. Otherwise it is not sent again: ")
	b.WriteString("the error says *not applied (rate limited)*, and running the statement again later is up to the user.\n\n")
	b.WriteString("A failure no retry fixes (any other 4xx) is reported as the vendor's refusal; nothing was changed.\n\n")

	b.WriteString("## Rate limits by vendor\n\n| vendor | a write answered 429 | why |\n|---|---|---|\n")
	for _, v := range tables.VendorWrites() {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", v.Vendor.Title(), on429(v), cell(v.Why429))
	}

	b.WriteString("\n## Each write\n\n")
	b.WriteString("| write | vendor call | answer lost (reset, timeout, 5xx) | never sent (refused, TLS) | 429 | why |\n|---|---|---|---|---|---|\n")
	policy := map[fetch.Vendor]fetch.VendorWrites{}
	for _, v := range tables.VendorWrites() {
		policy[v.Vendor] = v
	}
	for _, d := range tables.All() {
		m := d.Meta()
		row := func(write string, routes []fetch.WriteRoute) {
			for _, r := range routes {
				fmt.Fprintf(&b, "| %s | `%s` | %s | sent again | %s | %s |\n", write, r.Op(), onLost(r), on429(policy[r.Vendor]), cell(r.Why))
			}
		}
		for _, stmt := range m.WriteStatements() {
			row(fmt.Sprintf("`%s` %s", stmt, m.Name), m.StatementRoutes(stmt))
		}
		for _, p := range m.Procedures {
			if p.Mutating {
				row(fmt.Sprintf("`CALL %s`", p.FullName), p.Routes)
			}
		}
	}

	b.WriteString("\n## The audit log\n\n")
	b.WriteString("With an audit log (`credsql serve --audit-log`), every vendor call that changes state is one JSON line, written when the call is over ")
	b.WriteString("(all its attempts included, `attempts` counts them). Its `outcome` says what became of it:\n\n")
	b.WriteString("| outcome | meaning |\n|---|---|\n")
	b.WriteString("| `ok` | the vendor answered 2xx (for a DELETE sent again after a lost answer, a 404: the object is gone): the change was made |\n")
	b.WriteString("| `refused` | the vendor answered with an error status, 429 included: nothing was changed |\n")
	b.WriteString("| `unknown` | an attempt reached the vendor and its answer was lost: the change may have been made; `request_id` and the error's `SELECT` tell |\n")
	b.WriteString("| `not_sent` | no attempt reached the vendor (refused connections, failed TLS handshakes, a failed login before it): nothing was changed |\n")
	return b.Bytes()
}

func onLost(r fetch.WriteRoute) string {
	if r.Idempotent {
		return "sent again"
	}
	return "**not sent again**: outcome unknown, with the `SELECT` to check"
}

func on429(v fetch.VendorWrites) string {
	if v.Resend429 {
		return "waited out, sent again"
	}
	return "**not sent again**: not applied (rate limited)"
}
