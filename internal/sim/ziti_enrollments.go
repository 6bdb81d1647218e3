package sim

// The pending enrollments of the admin views (ziti_estate.go): list, get, delete, refresh.

import (
	"encoding/json"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"net/http"
	"time"
)

// zitiEnrollmentSymbols are the enrollment list's public symbols (UNVERIFIED in the contract).
var zitiEnrollmentSymbols = map[string]zqlType{
	"id": zqlString, "createdAt": zqlTime, "updatedAt": zqlTime, "method": zqlString, "expiresAt": zqlTime,
	"identity": zqlString, "token": zqlString, "ca": zqlString, "username": zqlString,
}

func (e *zitiEnrollment) symbol(name string) any {
	switch name {
	case "id":
		return e.ID
	case "createdAt":
		return e.Created
	case "updatedAt":
		return e.Updated
	case "method":
		return e.Method
	case "expiresAt":
		return e.ExpiresAt
	case "identity":
		return e.owner.ID
	case "token":
		return e.Token
	case "ca":
		if e.CAID == "" {
			return nil
		}
		return e.CAID
	case "username":
		if e.Username == "" {
			return nil
		}
		return e.Username
	}
	return nil
}

// enrollmentJSON is an enrollmentDetail (§7).
func (e *zitiEnrollment) json() map[string]any {
	var ca any
	if e.CAID != "" {
		ca = e.CAID
	}
	m := map[string]any{
		"_links": map[string]any{"self": map[string]any{"href": "." + zitiroutes.GetEnrollment.Expand(e.ID)}},
		"id":     e.ID, "createdAt": zitiTS(e.Created), "updatedAt": zitiTS(e.Updated), "tags": map[string]any{},
		"token": e.Token, "jwt": e.JWT, "method": e.Method, "expiresAt": zitiTS(e.ExpiresAt),
		"identityId": e.owner.ID, "identity": zitiRef("identities", e.owner.ID, e.owner.Name),
		"caId": ca, "details": map[string]any{},
	}
	if e.Username != "" {
		m["username"] = e.Username
	}
	return m
}

// zitiListEnrollments is zitiroutes.ListEnrollments.
func (s *Server) zitiListEnrollments(w http.ResponseWriter, r *http.Request, _ params) {
	es := s.ziti.estate.enrolls
	s.zitiListEntities(w, r, len(es), symbolsOf(zitiEnrollmentSymbols),
		func(i int) zqlGet { return es[i].symbol },
		func(i int) any { return es[i].json() }, zitiFilterableOf(zitiEnrollmentSymbols))
}

func (s *Server) zitiEnrollmentFor(w http.ResponseWriter, p params) *zitiEnrollment {
	e := s.ziti.estate.enrollID[p["id"]]
	if e == nil {
		zitiError(w, http.StatusNotFound, "NOT_FOUND", nil)
	}
	return e
}

// zitiGetEnrollment is zitiroutes.GetEnrollment.
func (s *Server) zitiGetEnrollment(w http.ResponseWriter, _ *http.Request, p params) {
	if e := s.zitiEnrollmentFor(w, p); e != nil {
		zitiData(w, e.json())
	}
}

// zitiDeleteEnrollment is zitiroutes.DeleteEnrollment.
func (s *Server) zitiDeleteEnrollment(w http.ResponseWriter, _ *http.Request, p params) {
	es := s.ziti.estate
	e := s.zitiEnrollmentFor(w, p)
	if e == nil {
		return
	}
	delete(es.enrollID, e.ID)
	es.enrolls = removeWhere(es.enrolls, func(x *zitiEnrollment) bool { return x == e })
	zitiEmpty(w)
}

// zitiRefreshEnrollment is zitiroutes.RefreshEnrollment (§7): a new expiry, which must be
// in the future (UNVERIFIED), and a new token and JWT. The answer is a createResponse.
func (s *Server) zitiRefreshEnrollment(w http.ResponseWriter, r *http.Request, p params) {
	z := s.ziti
	var body struct {
		ExpiresAt *string `json:"expiresAt"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.ExpiresAt == nil {
		zitiFieldError(w, "expiresAt", "expiresAt in body is required")
		return
	}
	at, err := time.Parse(time.RFC3339Nano, *body.ExpiresAt)
	if err != nil {
		zitiFieldError(w, "expiresAt", "expiresAt in body must be of type date-time")
		return
	}
	e := s.zitiEnrollmentFor(w, p)
	if e == nil {
		return
	}
	if !at.After(z.clock()) {
		zitiFieldError(w, "expiresAt", "expiresAt must be in the future")
		return
	}
	e.refreshes++
	e.issue(subRNG(int64(e.refreshes), "ziti.refresh."+e.ID), at)
	e.Updated = z.clock()
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{
		"_links": map[string]any{"self": map[string]any{"href": "." + zitiroutes.GetEnrollment.Expand(e.ID)}}, "id": e.ID}, "meta": map[string]any{}})
}

// ZitiEnrollments returns how many enrollments are pending.
func (s *Server) ZitiEnrollments() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ziti.estate.enrolls)
}

// ZitiAllAuthenticators returns how many authenticators the network has, every identity's.
func (s *Server) ZitiAllAuthenticators() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ziti.allAuths())
}
