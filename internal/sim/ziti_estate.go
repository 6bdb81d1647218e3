package sim

import (
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"
)

// The admin views of the whole OpenZiti network (shared/api/ziti.md §7): every identity,
// every identity's authenticators (the current identity's included: they are the same
// objects as /current-identity/authenticators) and the pending enrollments. Routes answer
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

func (s *Server) zitiEstateRoutes(add func(method, pattern string, list bool, h handler)) {
	add("GET", "/identities", true, s.zitiAdmin(s.zitiListIdentities))
	add("GET", "/identities/{id}", false, s.zitiAdmin(s.zitiGetIdentity))
	add("GET", "/identities/{id}/authenticators", false, s.zitiAdmin(s.zitiIdentityAuthenticators))
	add("GET", "/authenticators", true, s.zitiAdmin(s.zitiListAllAuthenticators))
	add("GET", "/authenticators/{id}", false, s.zitiAdmin(s.zitiGetAnyAuthenticator))
	add("DELETE", "/authenticators/{id}", false, s.zitiAdmin(s.zitiDeleteAuthenticator))
	add("GET", "/enrollments", true, s.zitiAdmin(s.zitiListEnrollments))
	add("GET", "/enrollments/{id}", false, s.zitiAdmin(s.zitiGetEnrollment))
	add("DELETE", "/enrollments/{id}", false, s.zitiAdmin(s.zitiDeleteEnrollment))
	add("POST", "/enrollments/{id}/refresh", false, s.zitiAdmin(s.zitiRefreshEnrollment))
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

// Identities.

// zitiIdentitySymbols are the identity list's public symbols (UNVERIFIED in the contract).
var zitiIdentitySymbols = map[string]zqlType{
	"id": zqlString, "name": zqlString, "createdAt": zqlTime, "updatedAt": zqlTime, "isAdmin": zqlBool,
	"isDefaultAdmin": zqlBool, "disabled": zqlBool, "type": zqlString, "externalId": zqlString,
	"authPolicy": zqlString, "hasApiSession": zqlBool, "isMfaEnabled": zqlBool,
}

func zitiFilterableOf(m map[string]zqlType) []string {
	out := []string{"tags"}
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (id *zitiIdentity) symbol(name string) any {
	if v, ok := tagSymbol(id.Tags, name); ok {
		return v
	}
	switch name {
	case "id":
		return id.ID
	case "name":
		return id.Name
	case "createdAt":
		return id.Created
	case "updatedAt":
		return id.Updated
	case "isAdmin":
		return id.Admin
	case "isDefaultAdmin":
		return id.DefaultAdmin
	case "disabled":
		return id.Disabled
	case "type":
		return id.TypeID
	case "externalId":
		if id.ExternalID == "" {
			return nil
		}
		return id.ExternalID
	case "authPolicy":
		return id.AuthPolicy
	case "hasApiSession":
		return id.HasAPISession
	case "isMfaEnabled":
		return id.MFA
	}
	return nil
}

func zitiRef(entity, id, name string) map[string]any {
	return map[string]any{"_links": map[string]any{"self": map[string]any{"href": "./" + entity + "/" + id}},
		"entity": entity, "id": id, "name": name}
}

// allAuths is every authenticator of the network in id order.
func (z *zitiState) allAuths() []*zitiOwnedAuth {
	es := z.estate
	self := es.byID[z.identityID]
	out := make([]*zitiOwnedAuth, 0, len(z.auths)+len(es.auths))
	for _, a := range z.auths {
		out = append(out, &zitiOwnedAuth{zitiAuth: a, owner: self})
	}
	out = append(out, es.auths...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// zitiEstateIndex is every identity's authenticators and enrollments, built once per answer.
type zitiEstateIndex struct {
	auths   map[string][]*zitiOwnedAuth
	enrolls map[string][]*zitiEnrollment
}

func (z *zitiState) index() zitiEstateIndex {
	x := zitiEstateIndex{auths: map[string][]*zitiOwnedAuth{}, enrolls: map[string][]*zitiEnrollment{}}
	for _, a := range z.allAuths() {
		x.auths[a.owner.ID] = append(x.auths[a.owner.ID], a)
	}
	for _, e := range z.estate.enrolls {
		x.enrolls[e.owner.ID] = append(x.enrolls[e.owner.ID], e)
	}
	return x
}

// identityJSON is an identityDetail (§7).
func (z *zitiState) identityJSON(id *zitiIdentity, x zitiEstateIndex) map[string]any {
	auths := map[string]any{}
	for _, a := range x.auths[id.ID] {
		if _, seen := auths[a.Method]; seen {
			continue // one per method (§7)
		}
		if a.Method == "updb" {
			auths["updb"] = map[string]any{"id": a.ID, "username": a.Username}
		} else {
			auths["cert"] = map[string]any{"id": a.ID, "fingerprint": a.Fingerprint}
		}
	}
	enroll := map[string]any{}
	for _, e := range x.enrolls[id.ID] {
		v := map[string]any{"id": e.ID, "token": e.Token, "jwt": e.JWT, "expiresAt": zitiTS(e.ExpiresAt)}
		if e.Method == "ottca" {
			v["ca"] = zitiRef("cas", e.CAID, e.CAID)
		}
		enroll[e.Method] = v
	}
	var ext any
	if id.ExternalID != "" {
		ext = id.ExternalID
	}
	status := "offline"
	if id.TypeID == "Router" {
		status = "unknown"
	}
	m := map[string]any{
		"_links": map[string]any{"self": map[string]any{"href": "./identities/" + id.ID},
			"authenticators": map[string]any{"href": "./identities/" + id.ID + "/authenticators"}},
		"id": id.ID, "createdAt": zitiTS(id.Created), "updatedAt": zitiTS(id.Updated), "tags": id.Tags,
		"name": id.Name, "type": zitiRef("identity-types", id.TypeID, id.TypeID), "typeId": id.TypeID,
		"isAdmin": id.Admin, "isDefaultAdmin": id.DefaultAdmin, "authenticators": auths, "enrollment": enroll,
		"envInfo": map[string]any{}, "sdkInfo": map[string]any{}, "roleAttributes": id.RoleAttributes,
		"hasEdgeRouterConnection": false, "edgeRouterConnectionStatus": status, "hasApiSession": id.HasAPISession,
		"isMfaEnabled": id.MFA, "serviceHostingPrecedences": map[string]any{}, "serviceHostingCosts": map[string]any{},
		"defaultHostingCost": 0, "authPolicyId": id.AuthPolicy, "authPolicy": zitiRef("auth-policies", id.AuthPolicy, "Default"),
		"externalId": ext, "disabled": id.Disabled, "permissions": []string{},
	}
	if id.Disabled {
		m["disabledAt"] = zitiTS(id.DisabledAt)
	}
	return m
}

// zitiListIdentities is GET /identities.
func (s *Server) zitiListIdentities(w http.ResponseWriter, r *http.Request, _ params) {
	z := s.ziti
	ids, x := z.estate.ids, z.index()
	s.zitiListEntities(w, r, len(ids), symbolsOf(zitiIdentitySymbols),
		func(i int) zqlGet { return ids[i].symbol },
		func(i int) any { return z.identityJSON(ids[i], x) }, zitiFilterableOf(zitiIdentitySymbols))
}

func (s *Server) zitiIdentityFor(w http.ResponseWriter, p params) *zitiIdentity {
	id := s.ziti.estate.byID[p["id"]]
	if id == nil {
		zitiError(w, http.StatusNotFound, "NOT_FOUND", nil)
	}
	return id
}

// zitiGetIdentity is GET /identities/{id}.
func (s *Server) zitiGetIdentity(w http.ResponseWriter, _ *http.Request, p params) {
	if id := s.zitiIdentityFor(w, p); id != nil {
		zitiData(w, s.ziti.identityJSON(id, s.ziti.index()))
	}
}

// zitiIdentityAuthenticators is GET /identities/{id}/authenticators: no paging, every
// authenticator of the identity in one answer.
func (s *Server) zitiIdentityAuthenticators(w http.ResponseWriter, _ *http.Request, p params) {
	id := s.zitiIdentityFor(w, p)
	if id == nil {
		return
	}
	data := []any{}
	for _, a := range s.ziti.index().auths[id.ID] {
		data = append(data, s.ziti.ownedAuthJSON(a))
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "meta": map[string]any{}})
}

// Authenticators of every identity.

// ownedAuthJSON is an authenticatorDetail as the admin routes show it.
func (z *zitiState) ownedAuthJSON(a *zitiOwnedAuth) map[string]any {
	m := z.authJSON(a.zitiAuth)
	m["_links"] = map[string]any{"self": map[string]any{"href": "./authenticators/" + a.ID}}
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

// zitiListAllAuthenticators is GET /authenticators.
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

// zitiGetAnyAuthenticator is GET /authenticators/{id}.
func (s *Server) zitiGetAnyAuthenticator(w http.ResponseWriter, _ *http.Request, p params) {
	if a := s.zitiAnyAuthFor(w, p); a != nil {
		zitiData(w, s.ziti.ownedAuthJSON(a))
	}
}

// zitiDeleteAuthenticator is DELETE /authenticators/{id}. The controller lets an
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

// Enrollments.

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
		"_links": map[string]any{"self": map[string]any{"href": "./enrollments/" + e.ID}},
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

// zitiListEnrollments is GET /enrollments.
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

// zitiGetEnrollment is GET /enrollments/{id}.
func (s *Server) zitiGetEnrollment(w http.ResponseWriter, _ *http.Request, p params) {
	if e := s.zitiEnrollmentFor(w, p); e != nil {
		zitiData(w, e.json())
	}
}

// zitiDeleteEnrollment is DELETE /enrollments/{id}.
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

// zitiRefreshEnrollment is POST /enrollments/{id}/refresh (§7): a new expiry, which must be
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
		"_links": map[string]any{"self": map[string]any{"href": "./enrollments/" + e.ID}}, "id": e.ID}, "meta": map[string]any{}})
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
