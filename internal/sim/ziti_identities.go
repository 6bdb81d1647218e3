package sim

// The identities of the admin views (ziti_estate.go): zitiroutes.ListIdentities and GetIdentity.

import (
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"net/http"
	"sort"
)

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
		"_links": map[string]any{"self": map[string]any{"href": "." + zitiroutes.GetIdentity.Expand(id.ID)},
			"authenticators": map[string]any{"href": "." + zitiroutes.ListIdentityAuthenticators.Expand(id.ID)}},
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

// zitiListIdentities is zitiroutes.ListIdentities.
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

// zitiGetIdentity is zitiroutes.GetIdentity.
func (s *Server) zitiGetIdentity(w http.ResponseWriter, _ *http.Request, p params) {
	if id := s.zitiIdentityFor(w, p); id != nil {
		zitiData(w, s.ziti.identityJSON(id, s.ziti.index()))
	}
}

// zitiIdentityAuthenticators is zitiroutes.ListIdentityAuthenticators: no paging, every
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
