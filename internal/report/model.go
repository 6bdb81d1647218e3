package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/render"
	"github.com/credsql/credsql/internal/tables"
)

// vendorOrder and colours of the timeline.
var vendorOrder = func() []string {
	var out []string
	for _, v := range tables.Vendors() {
		out = append(out, string(v))
	}
	return out
}()

// vendorColours are the chart's colours, given to the vendors in order (TestEveryVendorHasAColour).
var vendorColours = []string{"#2563eb", "#ea580c", "#059669", "#7c3aed", "#db2777", "#0891b2"}

var vendorColour = func() map[string]string {
	out := map[string]string{}
	for i, v := range vendorOrder {
		out[v] = vendorColours[i%len(vendorColours)]
	}
	return out
}()

func vendorTitle(v string) string { return tables.Vendor(v).Title() }

// page is the template's data.
type page struct {
	Title     string
	Generated string
	Host      string
	Version   string
	Totals    []total
	Chart     chart
	Groups    []group
	Passed    []queryView
	Failed    []queryView
	Skipped   []queryView
	Conns     []connView
	Problems  []string
	Findings  int
	// Complete: everything was checked. Otherwise the page opens with Banner, and counts
	// that could not be taken show as unknown.
	Complete         bool
	Banner           []bannerItem
	FailedQueries    int
	Queries          int // queries that ran or failed
	Unknown          string
	FindingsUnknown  bool
	ExpiriesUnknown  bool
	CredentialsNotes []string
}

// bannerItem is a failed connection as the page's failure banner names it.
type bannerItem struct {
	Vendor, Name, What, Reason string
}

// unknown is how the page shows a count that could not be taken.
const unknown = "—"

type total struct {
	Label, Value, Class string
}

// chart is the SVG timeline, laid out in Go so that the page needs no script to show it.
type chart struct {
	Width, Height int
	Bars          []bar
	Labels        []axisLabel
	Grid          []gridLine
	Legend        []legendItem
	Later, Never  int
	SplitX        float64 // x of the line between "expired" and the months
	Top, Bottom   float64
}

type bar struct {
	X, Y, W, H float64
	Fill       string
	Vendor     string
	Bucket     string
	Count      int
	Tip        string
}

type axisLabel struct {
	X, Y  float64
	Text  string
	Class string
}

type gridLine struct {
	Y     float64
	Label string
}

type legendItem struct {
	Vendor, Title, Fill string
	Count               int
}

type group struct {
	Severity string
	Queries  []queryView
	Rows     int
}

type queryView struct {
	Name, Title, Description, Action, Severity string
	Columns                                    []string
	Rows                                       [][]string
	Error                                      string
	Warnings                                   []string
	// RowPlans holds, for each row, the rotation plan's block for the credential the row is
	// about ("" when none): the finding's action, as SQL to run.
	RowPlans []string
}

type connView struct {
	Vendor, VendorTitle, Name           string
	ReadOnly                            bool
	Credentials, Expired, Soon, Quarter int
	Next                                string
	Findings                            int
	// Unknown: the connection, or a listing of its vendor, failed: its counts are not
	// known. FindingsUnknown: a query of its vendor failed.
	Unknown, FindingsUnknown bool
}

// buckets of the timeline: index 0 is "expired", 1..12 the calendar months from now on
// (the first one from now to the end of this month).
const months = 12

func bucketOf(t, now time.Time) int {
	if t.Before(now) {
		return 0
	}
	m := (t.Year()-now.Year())*12 + int(t.Month()) - int(now.Month())
	if m >= months {
		return -1
	}
	return m + 1
}

func bucketLabel(i int, now time.Time) string {
	if i == 0 {
		return "Expired"
	}
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, i-1, 0).Format("Jan 2006")
}

func buildChart(creds []Credential, now time.Time) chart {
	const width, height, left, right, top, bottom = 960, 320, 48, 16, 24, 56
	c := chart{Width: width, Height: height, Top: top, Bottom: height - bottom}
	counts := make([]map[string]int, months+1)
	totals := make([]int, months+1)
	perVendor := map[string]int{}
	for i := range counts {
		counts[i] = map[string]int{}
	}
	for _, cr := range creds {
		perVendor[cr.Vendor]++
		if cr.Expires.IsZero() {
			c.Never++
			continue
		}
		b := bucketOf(cr.Expires, now)
		if b < 0 {
			c.Later++
			continue
		}
		counts[b][cr.Vendor]++
		totals[b]++
	}
	maxTotal := 1
	for _, t := range totals {
		maxTotal = max(maxTotal, t)
	}
	scale := niceCeil(maxTotal)
	plotH := float64(height - top - bottom)
	slot := float64(width-left-right) / float64(months+1)
	for _, frac := range []float64{0, 0.5, 1} {
		v := float64(scale) * frac
		c.Grid = append(c.Grid, gridLine{Y: float64(height-bottom) - plotH*frac, Label: fmt.Sprintf("%g", v)})
	}
	c.SplitX = left + slot
	for i := 0; i <= months; i++ {
		x := left + slot*float64(i) + slot*0.2
		y := float64(height - bottom)
		label := bucketLabel(i, now)
		for _, v := range vendorOrder {
			n := counts[i][v]
			if n == 0 {
				continue
			}
			h := plotH * float64(n) / float64(scale)
			y -= h
			when := "expire in " + label
			if i == 0 {
				when = "have expired"
			}
			c.Bars = append(c.Bars, bar{X: x, Y: y, W: slot * 0.6, H: h, Fill: vendorColour[v], Vendor: v, Bucket: label, Count: n,
				Tip: fmt.Sprintf("%s: %d %s %s", vendorTitle(v), n, plural(n, "credential", "credentials"), when)})
		}
		class := "month"
		if i == 0 {
			class = "expired"
		}
		c.Labels = append(c.Labels, axisLabel{X: left + slot*float64(i) + slot/2, Y: float64(height-bottom) + 18, Text: label, Class: class})
		if totals[i] > 0 {
			c.Labels = append(c.Labels, axisLabel{X: left + slot*float64(i) + slot/2, Y: y - 6, Text: fmt.Sprint(totals[i]), Class: "total"})
		}
	}
	for _, v := range vendorOrder {
		if perVendor[v] > 0 {
			c.Legend = append(c.Legend, legendItem{Vendor: v, Title: vendorTitle(v), Fill: vendorColour[v], Count: perVendor[v]})
		}
	}
	return c
}

// niceCeil rounds n up to 1, 2 or 5 times a power of ten, for the axis.
func niceCeil(n int) int {
	p := 1
	for {
		for _, m := range []int{1, 2, 5} {
			if m*p >= n {
				return m * p
			}
		}
		p *= 10
	}
}

func viewOf(r *inventory.Result) queryView {
	q := r.Query
	v := queryView{Name: q.Name, Title: q.Title, Description: q.Description, Action: q.Action, Severity: q.Severity, Warnings: r.Warnings}
	if r.Err != nil {
		v.Error = r.Reason()
	}
	for _, c := range r.Columns {
		v.Columns = append(v.Columns, c.Name)
	}
	for _, row := range r.Rows {
		cells := make([]string, len(row))
		for i, val := range row {
			if val == nil {
				cells[i] = "—"
				continue
			}
			cells[i] = render.Cell(r.Columns[i], val)
		}
		v.Rows = append(v.Rows, cells)
	}
	return v
}

func buildPage(inv *Inventory, title string) page {
	now := inv.Generated
	p := page{Title: title, Generated: now.Format("2006-01-02 15:04 UTC"), Host: inv.Host, Version: inv.Version,
		Chart: buildChart(inv.Credentials, now), Problems: inv.Problems, Complete: inv.Complete()}
	for _, f := range inv.Failed {
		p.Banner = append(p.Banner, bannerItem{Vendor: vendorTitle(f.Vendor), Name: f.Name, What: f.What, Reason: f.Reason})
	}
	p.ExpiriesUnknown = len(inv.Failed) > 0 || len(inv.Errors) > 0
	p.FindingsUnknown = len(inv.Failed) > 0
	p.Queries, p.Unknown = len(inv.Results), unknown
	bySeverity := map[string]*group{}
	for i := range inv.Results {
		r := &inv.Results[i]
		v := viewOf(r)
		v.RowPlans = rowPlans(inv.Plan, r)
		switch {
		case r.Err != nil:
			p.Failed = append(p.Failed, v)
			p.FailedQueries++
			p.FindingsUnknown = true
		case len(r.Rows) == 0:
			p.Passed = append(p.Passed, v)
		default:
			g := bySeverity[r.Query.Severity]
			if g == nil {
				g = &group{Severity: r.Query.Severity}
				bySeverity[r.Query.Severity] = g
			}
			g.Queries = append(g.Queries, v)
			g.Rows += len(r.Rows)
			p.Findings += len(r.Rows)
		}
	}
	for _, s := range inventory.Severities {
		if g := bySeverity[s]; g != nil {
			p.Groups = append(p.Groups, *g)
			p.Totals = append(p.Totals, total{Label: s, Value: fmt.Sprint(g.Rows), Class: "sev-" + s})
		}
	}
	for _, q := range inv.Skipped {
		p.Skipped = append(p.Skipped, queryView{Name: q.Name, Title: q.Title, Severity: q.Severity})
	}
	p.Conns = connViews(inv, now)
	expired, soon := 0, 0
	for _, c := range p.Conns {
		expired += c.Expired
		soon += c.Soon
	}
	count := func(n int, isUnknown bool) string {
		if isUnknown {
			return unknown
		}
		return fmt.Sprint(n)
	}
	p.Totals = append([]total{
		{Label: "connections", Value: fmt.Sprint(len(p.Conns))},
		{Label: "credentials", Value: count(len(inv.Credentials), p.ExpiriesUnknown)},
		{Label: "expired", Value: count(expired, p.ExpiriesUnknown), Class: "expired"},
		{Label: "expire within 30 days", Value: count(soon, p.ExpiriesUnknown), Class: "soon"},
		{Label: "findings", Value: count(p.Findings, p.FindingsUnknown)},
	}, p.Totals...)
	if len(inv.Failed) > 0 {
		p.Totals = append([]total{{Label: "connections failed", Value: fmt.Sprint(len(inv.Failed)), Class: "failed"}}, p.Totals...)
	}
	return p
}

// connViews summarises each connection: its credentials by expiry, and the findings whose row
// names it (the vendor of a finding is its "vendor" column, or the one vendor its query reads).
func connViews(inv *Inventory, now time.Time) []connView {
	type key struct{ vendor, name string }
	views := map[key]*connView{}
	var order []key
	for _, c := range inv.Connections {
		k := key{c.Vendor, c.Name}
		views[k] = &connView{Vendor: c.Vendor, VendorTitle: vendorTitle(c.Vendor), Name: c.Name, ReadOnly: c.ReadOnly}
		order = append(order, k)
	}
	failed := map[key]bool{}
	for _, f := range inv.Failed {
		failed[key{f.Vendor, f.Name}] = true
	}
	listingFailed, queryFailed := map[string]bool{}, map[string]bool{}
	for _, l := range inv.Listings {
		if !l.OK {
			listingFailed[l.Vendor] = true
		}
	}
	for _, r := range inv.Results {
		if r.Err != nil {
			for _, v := range r.Query.Vendors {
				queryFailed[v] = true
			}
		}
	}
	for k, v := range views {
		v.Unknown = failed[k] || listingFailed[k.vendor]
		v.FindingsUnknown = failed[k] || queryFailed[k.vendor]
	}
	next := map[key]time.Time{}
	for _, cr := range inv.Credentials {
		k := key{cr.Vendor, cr.Connection}
		v := views[k]
		if v == nil {
			continue
		}
		v.Credentials++
		switch {
		case cr.Expires.IsZero():
		case cr.Expires.Before(now):
			v.Expired++
		case cr.Expires.Before(now.AddDate(0, 0, 30)):
			v.Soon++
			v.Quarter++
		case cr.Expires.Before(now.AddDate(0, 0, 90)):
			v.Quarter++
		}
		if !cr.Expires.IsZero() && !cr.Expires.Before(now) && (next[k].IsZero() || cr.Expires.Before(next[k])) {
			next[k] = cr.Expires
		}
	}
	for _, r := range inv.Results {
		conn, vendorCol := -1, -1
		for i, c := range r.Columns {
			switch strings.ToLower(c.Name) {
			case "connection":
				conn = i
			case "vendor":
				vendorCol = i
			}
		}
		if conn < 0 || vendorCol < 0 && len(r.Query.Vendors) != 1 {
			continue
		}
		for _, row := range r.Rows {
			vendor := ""
			if vendorCol >= 0 {
				vendor = str(row[vendorCol])
			} else {
				vendor = r.Query.Vendors[0]
			}
			if v := views[key{vendor, str(row[conn])}]; v != nil {
				v.Findings++
			}
		}
	}
	out := make([]connView, 0, len(order))
	for _, k := range order {
		v := views[k]
		if t := next[k]; !t.IsZero() {
			v.Next = t.Format("2006-01-02")
		}
		out = append(out, *v)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
