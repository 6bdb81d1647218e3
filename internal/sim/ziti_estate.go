package sim

import (
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"math"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"
)

// The admin views of the whole OpenZiti network (docs/vendors/ziti.md §7): every identity,
// every identity's authenticators (the current identity's included: they are the same
// objects as zitiroutes.ListMyAuthenticators) and the pending enrollments. Routes answer
// 401 UNAUTHORIZED when Options.ZitiNotAdmin is set, as the controller does for an identity
// without admin rights.

// zitiIdentity is an identity of the network other than the current one (which is
// zitiState.identityID, an administrator).
type zitiIdentity struct {
	ID, Name, TypeID    string
	Admin, DefaultAdmin bool
	Disabled            bool
	DisabledAt          time.Time
	AuthPolicy          string
	ExternalID          string
	HasAPISession, MFA  bool
	RoleAttributes      []string
	Created, Updated    time.Time
	Tags                map[string]any
}

// zitiOwnedAuth is an authenticator of an identity other than the current one.
type zitiOwnedAuth struct {
	*zitiAuth
	owner *zitiIdentity
}

// zitiEnrollment is a pending enrollment of an identity.
type zitiEnrollment struct {
	ID, Method, Token, JWT string
	ExpiresAt              time.Time
	owner                  *zitiIdentity
	CAID, Username         string
	Created, Updated       time.Time
	refreshes              int
}

type zitiEstate struct {
	ids      []*zitiIdentity // the current identity first, then id order is applied when listing
	byID     map[string]*zitiIdentity
	auths    []*zitiOwnedAuth // other identities' authenticators
	enrolls  []*zitiEnrollment
	enrollID map[string]*zitiEnrollment
}

// zitiEstateFixed are the identities every simulator has, beside the current one. Days are
// from Options.Now (midnight UTC): a certificate's notAfter and an enrollment's expiresAt fall
// exactly on those days, so tests can write the expected dates by hand.
var zitiEstateFixed = []struct {
	name, typ           string
	admin, defaultAdmin bool
	disabled            bool
	updb                string // username of a updb authenticator, "" for none
	certDays            int    // notAfter of a network-issued cert authenticator, 0 for none
	thirdParty          int    // notAfter of a self-signed (3rd-party) cert authenticator, 0 for none
	enroll              string // method of a pending enrollment, "" for none
	enrollDays          int    // its expiresAt
}{
	{name: "Default Admin", typ: "Default", admin: true, defaultAdmin: true, updb: "admin"},
	{name: "edge-router-eu", typ: "Router", certDays: -10},
	{name: "laptop-alice", typ: "Default", certDays: 12},
	{name: "laptop-bob", typ: "Default", enroll: "ott", enrollDays: 2},
	{name: "svc-billing", typ: "Default", disabled: true, updb: "billing", certDays: 80},
	{name: "partner-gw", typ: "Default", thirdParty: 400, enroll: "ottca", enrollDays: -3},
	{name: "ops-carol", typ: "Default", enroll: "updb", enrollDays: -20},
	{name: "iot-sensor", typ: "Default", certDays: 45, enroll: "ott", enrollDays: -8},
}

func newZitiEstate(z *zitiState) *zitiEstate {
	o := z.opts
	rng := subRNG(o.Seed, "ziti.estate")
	now, day := o.Now, 24*time.Hour
	es := &zitiEstate{byID: map[string]*zitiIdentity{}, enrollID: map[string]*zitiEnrollment{}}
	self := &zitiIdentity{ID: z.identityID, Name: z.identityName, TypeID: "Default", Admin: true,
		AuthPolicy: "default", HasAPISession: true, Created: now.Add(-420 * day), Updated: now.Add(-30 * day),
		RoleAttributes: []string{"credsql"}}
	es.addIdentity(self)
	p := keys()
	serial := int64(7100)
	cert := func(owner *zitiIdentity, days int, network bool, pub crypto.PublicKey, self crypto.Signer, org string) {
		serial++
		nb := now.Add(-300 * day)
		der := issue(certSpec{cn: owner.ID, org: org, serial: serial, notBefore: nb, notAfter: now.Add(time.Duration(days) * day),
			pub: pub, selfKey: self, client: true})
		a := &zitiAuth{ID: zitiShortID(rng), Method: "cert", Network: network, ResolvedToRoot: true, Created: nb, Updated: nb,
			Tags: map[string]any{}}
		a.setCert(der)
		es.auths = append(es.auths, &zitiOwnedAuth{zitiAuth: a, owner: owner})
	}
	for i, f := range zitiEstateFixed {
		id := &zitiIdentity{ID: zitiShortID(rng), Name: f.name, TypeID: f.typ, Admin: f.admin, DefaultAdmin: f.defaultAdmin,
			Disabled: f.disabled, AuthPolicy: "default", Created: now.Add(time.Duration(-200+i) * day),
			Updated: now.Add(time.Duration(-20+i) * day), RoleAttributes: []string{}}
		if f.disabled {
			id.DisabledAt = now.Add(-5 * day)
		}
		if f.name == "partner-gw" {
			id.ExternalID = "partner-42"
			id.Tags = map[string]any{"owner": "partner"}
		}
		es.addIdentity(id)
		if f.updb != "" {
			c := now.Add(-100 * day)
			es.auths = append(es.auths, &zitiOwnedAuth{zitiAuth: &zitiAuth{ID: zitiShortID(rng), Method: "updb", Username: f.updb,
				Password: "sim-" + f.updb + "-password", Created: c, Updated: c, Tags: map[string]any{}}, owner: id})
		}
		if f.certDays != 0 {
			cert(id, f.certDays, true, &p.ec[1%len(p.ec)].PublicKey, nil, "OpenZiti")
		}
		if f.thirdParty != 0 {
			cert(id, f.thirdParty, false, &p.rsa[2].PublicKey, p.rsa[2], "Partner PKI")
		}
		if f.enroll != "" {
			es.addEnrollment(z, rng, id, f.enroll, now.Add(time.Duration(f.enrollDays)*day))
		}
	}
	// Bulk identities (Options.ZitiIdentities): one network-issued certificate each, and a
	// pending ott enrollment for every third.
	bulk := subRNG(o.Seed, "ziti.estate.bulk")
	pool := p.rsa
	var ders [][]byte
	for i := range max(0, o.ZitiIdentities-len(es.ids)) {
		id := &zitiIdentity{ID: zitiShortID(bulk), Name: fmt.Sprintf("device-%05d", i), TypeID: "Default", AuthPolicy: "default",
			Created: now.Add(-time.Duration(1+bulk.IntN(700)) * day), RoleAttributes: []string{"devices"}}
		id.Updated = id.Created
		es.addIdentity(id)
		nb := id.Created
		a := &zitiAuth{ID: zitiShortID(bulk), Method: "cert", Network: true, ResolvedToRoot: true, Created: nb, Updated: nb, Tags: map[string]any{}}
		if d := o.DistinctCerts; d > 0 && i >= d {
			a.setCert(ders[i%d])
		} else {
			der := issue(certSpec{cn: id.ID, org: "OpenZiti", serial: int64(200001 + i), notBefore: nb,
				notAfter: nb.Add(time.Duration(30+bulk.IntN(700)) * day), pub: &pool[i%len(pool)].PublicKey, client: true})
			ders = append(ders, der)
			a.setCert(der)
		}
		es.auths = append(es.auths, &zitiOwnedAuth{zitiAuth: a, owner: id})
		if i%3 == 0 {
			es.addEnrollment(z, bulk, id, "ott", now.Add(time.Duration(bulk.IntN(60)-30)*day))
		}
	}
	sort.Slice(es.ids, func(i, j int) bool { return es.ids[i].ID < es.ids[j].ID })
	sort.Slice(es.enrolls, func(i, j int) bool { return es.enrolls[i].ID < es.enrolls[j].ID })
	return es
}

func (es *zitiEstate) addIdentity(id *zitiIdentity) {
	if id.Tags == nil {
		id.Tags = map[string]any{}
	}
	es.ids = append(es.ids, id)
	es.byID[id.ID] = id
}

func (es *zitiEstate) addEnrollment(z *zitiState, rng *rand.Rand, owner *zitiIdentity, method string, expires time.Time) {
	e := &zitiEnrollment{ID: zitiUUID(rng), Method: method, owner: owner, Created: expires.Add(-72 * time.Hour)}
	e.Updated = e.Created
	switch method {
	case "updb":
		e.Username = strings.TrimPrefix(owner.Name, "ops-")
	case "ottca":
		e.CAID = "partner-ca"
	}
	e.issue(rng, expires)
	es.enrolls = append(es.enrolls, e)
	es.enrollID[e.ID] = e
}

// issue sets the enrollment's expiry and gives it a new token and JWT.
func (e *zitiEnrollment) issue(rng *rand.Rand, expires time.Time) {
	e.ExpiresAt = expires
	e.Token = zitiUUID(rng)
	claims, _ := json.Marshal(map[string]any{"em": e.Method, "exp": expires.Unix(), "iss": "https://ctrl.sim.example:1280",
		"jti": e.Token, "sub": e.owner.ID})
	sig := make([]byte, 32)
	for i := range sig {
		sig[i] = byte(rng.IntN(256))
	}
	b64 := base64.RawURLEncoding.EncodeToString
	e.JWT = b64([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + b64(claims) + "." + b64(sig)
}

// zitiUUID returns a version-4 UUID from rng.
func zitiUUID(rng *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func (s *Server) zitiEstateRoutes(add func(r routes.Route, h handler)) {
	add(zitiroutes.ListIdentities, s.zitiAdmin(s.zitiListIdentities))
	add(zitiroutes.GetIdentity, s.zitiAdmin(s.zitiGetIdentity))
	add(zitiroutes.ListIdentityAuthenticators, s.zitiAdmin(s.zitiIdentityAuthenticators))
	add(zitiroutes.ListAuthenticators, s.zitiAdmin(s.zitiListAllAuthenticators))
	add(zitiroutes.GetAuthenticator, s.zitiAdmin(s.zitiGetAnyAuthenticator))
	add(zitiroutes.DeleteAuthenticator, s.zitiAdmin(s.zitiDeleteAuthenticator))
	add(zitiroutes.ListEnrollments, s.zitiAdmin(s.zitiListEnrollments))
	add(zitiroutes.GetEnrollment, s.zitiAdmin(s.zitiGetEnrollment))
	add(zitiroutes.DeleteEnrollment, s.zitiAdmin(s.zitiDeleteEnrollment))
	add(zitiroutes.RefreshEnrollment, s.zitiAdmin(s.zitiRefreshEnrollment))
}

// zitiAdmin refuses the admin routes to an identity without admin rights.
func (s *Server) zitiAdmin(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, p params) {
		s.omu.Lock()
		notAdmin := s.opts.ZitiNotAdmin
		s.omu.Unlock()
		if notAdmin {
			zitiError(w, http.StatusUnauthorized, "UNAUTHORIZED", nil)
			return
		}
		h(w, r, p)
	}
}

// SetZitiNotAdmin makes the current identity an administrator or not.
func (s *Server) SetZitiNotAdmin(v bool) {
	s.omu.Lock()
	s.opts.ZitiNotAdmin = v
	s.omu.Unlock()
}

// zitiListEntities answers a list route with OpenZiti's paging, filter and sort (§4.2, §5)
// over items, whose symbols sym types and get reads.
func (s *Server) zitiListEntities(w http.ResponseWriter, r *http.Request, n int, sym func(string) (zqlType, bool),
	get func(i int) zqlGet, render func(i int) any, filterable []string) {
	qv := r.URL.Query()
	limit, offset, ok := zitiPaging(qv)
	if !ok {
		zitiError(w, http.StatusBadRequest, "INVALID_PAGINATION", nil)
		return
	}
	q, err := parseZQLFor(qv.Get("filter"), sym)
	if err != nil {
		zitiError(w, http.StatusBadRequest, "INVALID_FILTER", map[string]any{"code": "UNHANDLED", "message": err.Error()})
		return
	}
	if q.sort == nil && qv.Get("sort") != "" {
		if q.sort, err = parseZQLSortFor(qv.Get("sort"), sym); err != nil {
			zitiError(w, http.StatusBadRequest, "INVALID_SORT_IDENTIFIER", map[string]any{"code": "UNHANDLED", "message": err.Error()})
			return
		}
	}
	if q.skip != nil {
		offset = *q.skip
	}
	if q.limit != nil {
		limit = *q.limit
	}
	offset = max(0, min(offset, 100000))
	var matched []int
	for i := range n {
		if q.where(get(i)) {
			matched = append(matched, i)
		}
	}
	if len(q.sort) > 0 {
		sort.SliceStable(matched, func(i, j int) bool { return q.less(get(matched[i]), get(matched[j])) })
	}
	size := -1
	if limit != -1 {
		size = s.pageSize(int(min(limit, 500)), 10, 500)
	} else if c := s.pageSize(math.MaxInt32, 10, math.MaxInt32); c != math.MaxInt32 {
		size = c
	}
	start := min(int(offset), len(matched))
	end := len(matched)
	if size >= 0 {
		end = min(start+size, len(matched))
	}
	data := make([]any, 0, end-start)
	for _, i := range matched[start:end] {
		data = append(data, render(i))
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "meta": map[string]any{
		"pagination":       map[string]any{"limit": size, "offset": offset, "totalCount": len(matched)},
		"filterableFields": filterable,
	}})
}

// tagSymbol reads tags.<key>.
func tagSymbol(tags map[string]any, name string) (any, bool) {
	k, ok := strings.CutPrefix(name, "tags.")
	if !ok {
		return nil, false
	}
	if v, ok := tags[k].(int); ok {
		return float64(v), true
	}
	return tags[k], true
}

func symbolsOf(m map[string]zqlType) func(string) (zqlType, bool) {
	return func(name string) (zqlType, bool) {
		if strings.HasPrefix(name, "tags.") {
			return zqlAny, true
		}
		t, ok := m[name]
		return t, ok
	}
}

// ownedAuthJSON is an authenticatorDetail as the admin routes show it.
func (z *zitiState) ownedAuthJSON(a *zitiOwnedAuth) map[string]any {
	m := z.authJSON(a.zitiAuth)
	m["_links"] = map[string]any{"self": map[string]any{"href": "." + zitiroutes.GetAuthenticator.Expand(a.ID)}}
	m["identityId"] = a.owner.ID
	m["identity"] = zitiRef("identities", a.owner.ID, a.owner.Name)
	return m
}

func (z *zitiState) ownedSymbol(a *zitiOwnedAuth) zqlGet {
	base := z.symbol(a.zitiAuth)
	return func(name string) any {
		if name == "identity" {
			return a.owner.ID
		}
		return base(name)
	}
}

// zitiListAllAuthenticators is zitiroutes.ListAuthenticators.
func (s *Server) zitiListAllAuthenticators(w http.ResponseWriter, r *http.Request, _ params) {
	z := s.ziti
	all := z.allAuths()
	s.zitiListEntities(w, r, len(all), zqlSymbolType,
		func(i int) zqlGet { return z.ownedSymbol(all[i]) },
		func(i int) any { return z.ownedAuthJSON(all[i]) }, zitiFilterable)
}

func (s *Server) zitiAnyAuthFor(w http.ResponseWriter, p params) *zitiOwnedAuth {
	for _, a := range s.ziti.allAuths() {
		if a.ID == p["id"] {
			return a
		}
	}
	zitiError(w, http.StatusNotFound, "NOT_FOUND", nil)
	return nil
}

// zitiGetAnyAuthenticator is zitiroutes.GetAuthenticator.
func (s *Server) zitiGetAnyAuthenticator(w http.ResponseWriter, _ *http.Request, p params) {
	if a := s.zitiAnyAuthFor(w, p); a != nil {
		zitiData(w, s.ziti.ownedAuthJSON(a))
	}
}

// zitiDeleteAuthenticator is zitiroutes.DeleteAuthenticator. The controller lets an
// administrator delete any authenticator, its own included (UNVERIFIED; the contract's fake
// allows it).
func (s *Server) zitiDeleteAuthenticator(w http.ResponseWriter, _ *http.Request, p params) {
	z := s.ziti
	a := s.zitiAnyAuthFor(w, p)
	if a == nil {
		return
	}
	if _, own := z.byID[a.ID]; own {
		delete(z.byID, a.ID)
		z.auths = removeWhere(z.auths, func(x *zitiAuth) bool { return x.ID == a.ID })
	} else {
		z.estate.auths = removeWhere(z.estate.auths, func(x *zitiOwnedAuth) bool { return x.ID == a.ID })
	}
	zitiEmpty(w)
}

func removeWhere[T any](s []T, drop func(T) bool) []T {
	out := s[:0]
	for _, x := range s {
		if !drop(x) {
			out = append(out, x)
		}
	}
	return out
}
