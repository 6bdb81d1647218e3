package testenv

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
)

// OktaDo sends one request straight to the simulator's Okta API with net/http (an
// independent client, as OktaList) and returns the status and the decoded JSON object (nil
// when the body is not an object).
func (e *Env) OktaDo(method, path string, body any) (int, map[string]any) {
	e.T.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.T.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.Sim.URL()+path, rd)
	req.Header.Set("Authorization", "SSWS "+e.Sim.Options().OktaToken)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return resp.StatusCode, out
}

// OktaGet reads one Okta object straight from the simulator, failing the test unless it is
// there.
func (e *Env) OktaGet(path string) map[string]any {
	e.T.Helper()
	status, out := e.OktaDo(http.MethodGet, path, nil)
	if status != http.StatusOK || out == nil {
		e.T.Fatalf("GET %s: %d", path, status)
	}
	return out
}

// ObjectDiff lists the members whose values differ between two JSON objects, as dotted
// paths, sorted: the members changed, added or removed.
func ObjectDiff(before, after map[string]any) []string {
	var out []string
	var walk func(prefix string, a, b any)
	walk = func(prefix string, a, b any) {
		am, aok := a.(map[string]any)
		bm, bok := b.(map[string]any)
		if aok && bok {
			keys := map[string]bool{}
			for k := range am {
				keys[k] = true
			}
			for k := range bm {
				keys[k] = true
			}
			for k := range keys {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				av, ain := am[k]
				bv, bin := bm[k]
				if ain != bin {
					out = append(out, p)
					continue
				}
				walk(p, av, bv)
			}
			return
		}
		aj, _ := json.Marshal(a)
		bj, _ := json.Marshal(b)
		if !bytes.Equal(aj, bj) {
			out = append(out, prefix)
		}
	}
	walk("", before, after)
	sort.Strings(out)
	return out
}

// Str returns the string at a dotted path of a JSON object ("" when absent).
func Str(obj map[string]any, path string) string {
	var cur any = obj
	for _, p := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = m[p]
	}
	s, _ := cur.(string)
	return s
}

// SHA256 is the base64url SHA-256 of a DER certificate: its x5t#S256 and cert_sha256.
func SHA256(der []byte) string {
	sum := sha256.Sum256(der)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
