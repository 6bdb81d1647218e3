package sim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// opaRotationGrace is the expiry a key rotation puts on the user's other keys (undocumented
// by Okta, docs/vendors/opa.md §2.6).
const opaRotationGrace = 7 * 24 * time.Hour

// userJSON is a User (docs/vendors/opa.md §2.1).
func (o *opaState) userJSON(u *opaUser) map[string]any {
	m := map[string]any{"team_name": o.opts.OPATeam, "id": u.ID, "name": u.Name, "status": u.Status,
		"user_type": "service", "details": nil, "deleted_at": nil, "oauth_client_application_id": nil, "role_grants": nil}
	if !u.DeletedAt.IsZero() {
		m["deleted_at"] = opaTS(u.DeletedAt)
	}
	if u.OAuthClientID != "" {
		m["oauth_client_application_id"] = u.OAuthClientID
	}
	return m
}

func keyJSON(k *opaKey) map[string]any {
	m := map[string]any{"id": k.ID, "issued_at": opaTS(k.Issued), "expires_at": opaTS(k.Expires), "last_used": nil}
	if !k.LastUsed.IsZero() {
		m["last_used"] = opaTS(k.LastUsed)
	}
	return m
}

// opaListUsers is oparoutes.ListServiceUsers (§2.2, §3): Link pagination whose
// offset cursor is the id of the last user of the previous page, in name order.
func (s *Server) opaListUsers(w http.ResponseWriter, r *http.Request, _ params) {
	o := s.opa
	q := r.URL.Query()
	count := 0
	if v := q.Get("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			opaError(w, http.StatusBadRequest, "invalid_request", "count must be a positive integer")
			return
		}
		count = n
	}
	n := s.pageSize(count, 100, 100)
	desc := q.Get("descending") == "true"
	var after *opaUser
	if v := q.Get("offset"); v != "" {
		if after = o.byID[v]; after == nil {
			opaError(w, http.StatusBadRequest, "invalid_request", "invalid offset")
			return
		}
	}
	// starts_with and contains match without regard to case (unverified; a superset is safe
	// for clients that re-check).
	prefix, sub := strings.ToLower(q.Get("starts_with")), strings.ToLower(q.Get("contains"))
	statuses, ids := q["status"], q["id"]
	o.sortUsers()
	var page []any
	var last *opaUser
	more := false
	for i := range o.users {
		u := o.users[i]
		if desc {
			u = o.users[len(o.users)-1-i]
		}
		lower := strings.ToLower(u.Name)
		switch {
		case after != nil && (!desc && u.Name <= after.Name || desc && u.Name >= after.Name),
			len(statuses) > 0 && !slices.ContainsFunc(statuses, func(st string) bool { return strings.EqualFold(st, u.Status) }),
			len(ids) > 0 && !slices.Contains(ids, u.ID),
			!strings.HasPrefix(lower, prefix), !strings.Contains(lower, sub):
			continue
		}
		if len(page) == n {
			more = true
			break
		}
		page = append(page, o.userJSON(u))
		last = u
	}
	if more {
		nq := url.Values{}
		for k, v := range q {
			nq[k] = v
		}
		nq.Set("offset", last.ID)
		nq.Set("count", strconv.Itoa(n))
		s.writeLinks(w, []string{fmt.Sprintf(`<%s%s?%s>; rel="next"`, baseURL(r), r.URL.EscapedPath(), nq.Encode())})
	}
	if page == nil {
		page = []any{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"list": page})
}

func (s *Server) opaUserFor(w http.ResponseWriter, p params) *opaUser {
	u := s.opa.byName[p["user_name"]]
	if u == nil {
		opaError(w, http.StatusNotFound, "resource_does_not_exist", "service user not found")
	}
	return u
}

// opaGetUser is oparoutes.GetServiceUser.
func (s *Server) opaGetUser(w http.ResponseWriter, _ *http.Request, p params) {
	if u := s.opaUserFor(w, p); u != nil {
		writeJSON(w, http.StatusOK, s.opa.userJSON(u))
	}
}

// opaCreateUser is oparoutes.CreateServiceUser: 201, or 409 when the name is taken, also by a
// deleted user.
func (s *Server) opaCreateUser(w http.ResponseWriter, r *http.Request, _ params) {
	var body struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || strings.TrimSpace(body.Name) == "" {
		opaError(w, http.StatusBadRequest, "invalid_request", "name is required")
		return
	}
	if s.opa.byName[body.Name] != nil {
		opaError(w, http.StatusConflict, "resource_already_exists", "a service user with this name already exists")
		return
	}
	u := &opaUser{ID: opaUUID(nil), Name: body.Name, Status: "ACTIVE"}
	s.opa.addUser(u)
	writeJSON(w, http.StatusCreated, s.opa.userJSON(u))
}

// opaUpdateUser is oparoutes.UpdateServiceUser: name and status are required; a new
// name renames the user; status DELETED is the soft delete.
func (s *Server) opaUpdateUser(w http.ResponseWriter, r *http.Request, p params) {
	o := s.opa
	var body struct {
		Name   string `json:"name"`
		Status string `json:"status"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Name == "" || body.Status == "" {
		opaError(w, http.StatusBadRequest, "invalid_request", "name and status are required")
		return
	}
	if body.Status != "ACTIVE" && body.Status != "DISABLED" && body.Status != "DELETED" {
		opaError(w, http.StatusBadRequest, "invalid_request", "status must be ACTIVE, DISABLED or DELETED")
		return
	}
	u := s.opaUserFor(w, p)
	if u == nil {
		return
	}
	if body.Name != u.Name {
		if o.byName[body.Name] != nil {
			opaError(w, http.StatusConflict, "resource_already_exists", "a service user with this name already exists")
			return
		}
		delete(o.byName, u.Name)
		u.Name = body.Name
		o.byName[u.Name] = u
		o.sorted = false
	}
	switch {
	case body.Status == "DELETED" && u.Status != "DELETED":
		u.DeletedAt = time.Now()
	case body.Status != "DELETED":
		u.DeletedAt = time.Time{}
	}
	u.Status = body.Status
	writeJSON(w, http.StatusOK, o.userJSON(u))
}

// opaListKeys is oparoutes.ListKeys, newest first, without secrets.
func (s *Server) opaListKeys(w http.ResponseWriter, _ *http.Request, p params) {
	u := s.opaUserFor(w, p)
	if u == nil {
		return
	}
	ks := slices.Clone(u.Keys)
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].Issued.After(ks[j].Issued) })
	list := make([]any, 0, len(ks))
	for _, k := range ks {
		list = append(list, keyJSON(k))
	}
	writeJSON(w, http.StatusOK, map[string]any{"list": list})
}

// opaRotateKey is oparoutes.RotateKey: a new key, its secret shown once,
// and an expiry on the user's keys that had none.
func (s *Server) opaRotateKey(w http.ResponseWriter, _ *http.Request, p params) {
	u := s.opaUserFor(w, p)
	if u == nil {
		return
	}
	now := time.Now()
	for _, k := range u.Keys {
		if k.Expires.IsZero() {
			k.Expires = now.Add(opaRotationGrace)
		}
	}
	var raw [64]byte
	_, _ = rand.Read(raw[:])
	secret := base64.StdEncoding.EncodeToString(raw[:])
	k := &opaKey{ID: opaUUID(nil), Issued: now, secret: sha256.Sum256([]byte(secret)), owner: u}
	u.Keys = append(u.Keys, k)
	s.opa.keys[k.ID] = k
	m := keyJSON(k)
	m["secret"] = secret
	writeJSON(w, http.StatusOK, m)
}

// opaDeleteKey is oparoutes.DeleteKey: 204.
func (s *Server) opaDeleteKey(w http.ResponseWriter, _ *http.Request, p params) {
	u := s.opaUserFor(w, p)
	if u == nil {
		return
	}
	i := slices.IndexFunc(u.Keys, func(k *opaKey) bool { return k.ID == p["key_id"] })
	if i < 0 {
		opaError(w, http.StatusNotFound, "resource_does_not_exist", "key not found")
		return
	}
	delete(s.opa.keys, u.Keys[i].ID)
	u.Keys = slices.Delete(u.Keys, i, i+1)
	w.WriteHeader(http.StatusNoContent)
}
