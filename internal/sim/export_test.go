package sim

import (
	"time"

	"github.com/credsql/credsql/internal/routes"
)

// ListRoutes returns the catalog entry of every route the router marks as a list endpoint.
func (s *Server) ListRoutes() []routes.Route {
	var out []routes.Route
	for _, r := range s.router.routes {
		if r.list {
			out = append(out, r.entry)
		}
	}
	return out
}

// Record is one object of the simulator's data set, read from its state rather than through
// a handler, so that the paging tests can compute the pages they expect on their own.
type Record struct {
	ID     string
	Name   string // an OPA service user's name
	Status string
	Mode   string    // an Okta app's sign-on mode
	Issued time.Time // an OPA key's issue time
}

// Records returns the objects of one kind, in no promised order: "apps", "idps",
// "idp_keys", "ziti_authenticators", "opa_service_users", and, of the parent named by
// parent (an app id or a service user's name), "app_keys", "app_csrs", "app_secrets",
// "opa_keys".
func (s *Server) Records(kind, parent string) []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Record
	switch kind {
	case "apps":
		for _, a := range s.okta.apps {
			out = append(out, Record{ID: a.ID, Name: a.Name, Status: a.Status, Mode: a.SignOnMode})
		}
	case "app_keys":
		for _, k := range s.okta.appByID[parent].Keys {
			out = append(out, Record{ID: k.Kid})
		}
	case "app_csrs":
		for _, c := range s.okta.appByID[parent].CSRs {
			out = append(out, Record{ID: c.ID})
		}
	case "app_secrets":
		for _, c := range s.okta.appByID[parent].Secrets {
			out = append(out, Record{ID: c.ID, Status: c.Status})
		}
	case "idps":
		for _, p := range s.okta.idps {
			out = append(out, Record{ID: p.ID, Name: p.Name, Status: p.Status})
		}
	case "idp_keys":
		for _, k := range s.okta.idpKeys {
			out = append(out, Record{ID: k.Kid})
		}
	case "ziti_authenticators":
		for _, a := range s.ziti.auths {
			out = append(out, Record{ID: a.ID, Mode: a.Method})
		}
	case "ziti_identities":
		for _, id := range s.ziti.estate.ids {
			out = append(out, Record{ID: id.ID, Name: id.Name})
		}
	case "ziti_all_authenticators":
		for _, a := range s.ziti.allAuths() {
			out = append(out, Record{ID: a.ID, Name: a.owner.ID, Mode: a.Method})
		}
	case "ziti_enrollments":
		for _, e := range s.ziti.estate.enrolls {
			out = append(out, Record{ID: e.ID, Name: e.owner.ID, Mode: e.Method})
		}
	case "opa_service_users":
		for _, u := range s.opa.users {
			out = append(out, Record{ID: u.ID, Name: u.Name, Status: u.Status})
		}
	case "opa_keys":
		for _, k := range s.opa.byName[parent].Keys {
			out = append(out, Record{ID: k.ID, Issued: k.Issued})
		}
	default:
		panic("sim: no records of kind " + kind)
	}
	return out
}
