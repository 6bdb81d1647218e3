package tables

import (
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/fetch"
)

// Every write declares the vendor calls it sends, and every declared call is sent by some
// write: the retry table and the fault tests are complete only then.
func TestCheckRoutes(t *testing.T) {
	t.Parallel()
	if err := checkRoutes(ordered(registry), VendorWrites()); err != nil {
		t.Fatalf("the registry: %v", err)
	}
	create := fetch.WriteRoute{Vendor: fetch.Okta, Method: "POST", Path: "/things"}
	stray := fetch.WriteRoute{Vendor: fetch.Okta, Method: "DELETE", Path: "/things/{id}"}
	vendors := []fetch.VendorWrites{{Vendor: fetch.Okta, Routes: []fetch.WriteRoute{create, stray}}}
	metas := []*Meta{
		{Name: "things", Vendor: fetch.Okta, CanInsert: true, CanDelete: true, InsertRoutes: []fetch.WriteRoute{create}},
		{Name: "others", Vendor: fetch.Okta, UpdateRoutes: []fetch.WriteRoute{create}, Procedures: []ProcMeta{
			{Name: "zap", Mutating: true},
			{Name: "peek", Routes: []fetch.WriteRoute{{Vendor: fetch.Ziti, Method: "POST", Path: "/peek"}}},
		}},
	}
	err := checkRoutes(metas, vendors)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"table things: DELETE declares no write routes",
		"table others: UPDATE declares write routes but changes nothing",
		"table others: procedure zap declares no write routes",
		"table others: procedure peek declares write routes but changes nothing",
		"table others: procedure peek sends POST /peek, a ziti call",
		"write route okta DELETE /things/{id}: no table write sends it",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
