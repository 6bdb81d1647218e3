package sim

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"math"
	"math/big"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// zitiFilterable is meta.filterableFields of the authenticator list.
var zitiFilterable = []string{"id", "createdAt", "updatedAt", "tags", "isSystem", "method", "certFingerprint",
	"certPem", "isIssuedByNetwork", "isExtendRequested", "isKeyRollRequested", "extendRequestedAt", "publicKeyPrint",
	"lastAuthResolvedToRoot", "lastExtendRolledKeys", "updbUsername", "updbPassword", "updbSalt", "identity"}

// authJSON is an authenticatorDetail (docs/vendors/ziti.md §3.1); false booleans are omitted.
func (z *zitiState) authJSON(a *zitiAuth) map[string]any {
	m := map[string]any{
		"_links":     map[string]any{"self": map[string]any{"href": "." + zitiroutes.GetMyAuthenticator.Expand(a.ID)}},
		"createdAt":  zitiTS(a.Created),
		"updatedAt":  zitiTS(a.Updated),
		"id":         a.ID,
		"tags":       a.Tags,
		"method":     a.Method,
		"identityId": z.identityID,
		"identity":   z.identityRef(false),
	}
	if a.Method == "updb" {
		m["username"] = a.Username
		return m
	}
	m["certPem"] = a.certPEM()
	m["fingerprint"] = a.Fingerprint
	if a.Network {
		m["isIssuedByNetwork"] = true
	}
	if a.ResolvedToRoot {
		m["lastAuthResolvedToRoot"] = true
	}
	return m
}

// zitiListAuthenticators is zitiroutes.ListMyAuthenticators (§3.1, §4.2, §5).
func (s *Server) zitiListAuthenticators(w http.ResponseWriter, r *http.Request, _ params) {
	z := s.ziti
	qv := r.URL.Query()
	limit, offset, ok := zitiPaging(qv)
	if !ok {
		zitiError(w, http.StatusBadRequest, "INVALID_PAGINATION", nil)
		return
	}
	q, err := parseZQL(qv.Get("filter"))
	if err != nil {
		zitiError(w, http.StatusBadRequest, "INVALID_FILTER", map[string]any{"code": "UNHANDLED", "message": err.Error()})
		return
	}
	if q.sort == nil && qv.Get("sort") != "" {
		if q.sort, err = parseZQLSort(qv.Get("sort")); err != nil {
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
	var matched []*zitiAuth
	for _, a := range z.auths {
		if q.where(z.symbol(a)) {
			matched = append(matched, a)
		}
	}
	if len(q.sort) > 0 {
		sort.SliceStable(matched, func(i, j int) bool { return q.less(z.symbol(matched[i]), z.symbol(matched[j])) })
	}
	n := -1 // -1: no limit, a controller quirk (§4.2)
	if limit != -1 {
		n = s.pageSize(int(min(limit, 500)), 10, 500)
	} else if c := s.pageSize(math.MaxInt32, 10, math.MaxInt32); c != math.MaxInt32 {
		n = c
	}
	start := min(int(offset), len(matched))
	end := len(matched)
	if n >= 0 {
		end = min(start+n, len(matched))
	}
	data := make([]any, 0, end-start)
	for _, a := range matched[start:end] {
		data = append(data, z.authJSON(a))
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "meta": map[string]any{
		"pagination":       map[string]any{"limit": n, "offset": offset, "totalCount": len(matched)},
		"filterableFields": zitiFilterable,
	}})
}

// zitiPaging reads limit and offset; ok is false when either is not an integer.
func zitiPaging(q url.Values) (limit, offset int64, ok bool) {
	limit, offset = 10, 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		if n > 0 || n == -1 {
			limit = n
		}
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		offset = n
	}
	return limit, offset, true
}

func (s *Server) zitiAuthFor(w http.ResponseWriter, p params) *zitiAuth {
	a := s.ziti.byID[p["id"]]
	if a == nil {
		zitiError(w, http.StatusNotFound, "NOT_FOUND", nil)
	}
	return a
}

// zitiGetAuthenticator is zitiroutes.GetMyAuthenticator.
func (s *Server) zitiGetAuthenticator(w http.ResponseWriter, _ *http.Request, p params) {
	if a := s.zitiAuthFor(w, p); a != nil {
		zitiData(w, s.ziti.authJSON(a))
	}
}

// zitiUpdateAuthenticator is PUT and zitiroutes.PatchAuthenticator (§3.3, §3.4).
func (s *Server) zitiUpdateAuthenticator(w http.ResponseWriter, r *http.Request, p params) {
	var body struct {
		Username        *string         `json:"username"`
		Password        *string         `json:"password"`
		CurrentPassword *string         `json:"currentPassword"`
		Tags            *map[string]any `json:"tags"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		zitiFieldError(w, "(root)", "the request body is not a valid authenticator update document")
		return
	}
	put := r.Method == http.MethodPut
	fields := []struct {
		name     string
		v        *string
		min      int
		required bool
	}{{"username", body.Username, 4, put}, {"password", body.Password, 5, put}, {"currentPassword", body.CurrentPassword, 5, true}}
	for _, f := range fields {
		switch {
		case f.v == nil && f.required:
			zitiFieldError(w, f.name, f.name+" in body is required")
			return
		case f.v != nil && (len(*f.v) < f.min || len(*f.v) > 100):
			zitiFieldError(w, f.name, f.name+" in body should be between "+strconv.Itoa(f.min)+" and 100 chars long")
			return
		}
	}
	a := s.zitiAuthFor(w, p)
	if a == nil {
		return
	}
	if a.Method != "updb" {
		zitiError(w, http.StatusConflict, "CAN_NOT_UPDATE_AUTHENTICATOR", nil)
		return
	}
	if *body.CurrentPassword != a.Password {
		// The controller echoes the submitted password; no WWW-Authenticate challenge (§1.3).
		zitiError(w, http.StatusUnauthorized, "UNAUTHORIZED", map[string]any{
			"field": "currentPassword", "reason": "invalid current password", "value": *body.CurrentPassword})
		return
	}
	if body.Username != nil {
		a.Username = *body.Username
	}
	if body.Password != nil {
		a.Password = *body.Password
	}
	switch {
	case body.Tags != nil && *body.Tags != nil:
		a.Tags = *body.Tags
	case put:
		a.Tags = map[string]any{}
	}
	a.Updated = time.Now()
	zitiEmpty(w)
}

// zitiExtend is zitiroutes.Extend (§3.5): it signs the CSR
// with the simulator CA for a year. The request must come over mTLS with the current cert.
func (s *Server) zitiExtend(w http.ResponseWriter, r *http.Request, p params) {
	z := s.ziti
	a := s.zitiAuthFor(w, p)
	if a == nil {
		return
	}
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 || (a.Method == "cert" && zitiFingerprint(r.TLS.PeerCertificates[0].Raw) != a.Fingerprint) {
		zitiError(w, http.StatusUnauthorized, "UNAUTHORIZED", nil)
		return
	}
	if a.Method != "cert" || !a.Network {
		zitiError(w, http.StatusBadRequest, "COULD_NOT_VALIDATE", map[string]any{"field": "id",
			"reason": "only certificates issued by the network can be extended", "value": a.ID})
		return
	}
	var body struct {
		CSR string `json:"clientCertCsr"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.CSR == "" {
		zitiFieldError(w, "certCsr", "clientCertCsr in body is required")
		return
	}
	blk, _ := pem.Decode([]byte(body.CSR))
	if blk == nil {
		zitiFieldError(w, "certCsr", "could not parse the PEM certificate signing request")
		return
	}
	csr, err := x509.ParseCertificateRequest(blk.Bytes)
	if err == nil {
		err = csr.CheckSignature()
	}
	if err != nil {
		zitiFieldError(w, "certCsr", "invalid certificate signing request: "+err.Error())
		return
	}
	now := z.clock()
	z.serial++
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(z.serial),
		Subject:      csr.Subject,
		NotBefore:    now.Add(-time.Minute).UTC(),
		NotAfter:     now.AddDate(1, 0, 0).UTC(),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if tpl.Subject.CommonName == "" {
		tpl.Subject.CommonName = z.identityID
	}
	ca, key := CAKey()
	der, err := x509.CreateCertificate(rand.Reader, tpl, ca, csr.PublicKey, key)
	if err != nil {
		zitiFieldError(w, "certCsr", "could not sign the certificate signing request: "+err.Error())
		return
	}
	a.pending = der
	zitiData(w, map[string]any{"clientCert": pemCert(der), "ca": CAPEM()})
}

// zitiExtendVerify is zitiroutes.ExtendVerify (§3.6): the
// certificate returned by extend replaces the authenticator's.
func (s *Server) zitiExtendVerify(w http.ResponseWriter, r *http.Request, p params) {
	a := s.zitiAuthFor(w, p)
	if a == nil {
		return
	}
	var body struct {
		ClientCert string `json:"clientCert"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.ClientCert == "" {
		zitiFieldError(w, "clientCert", "clientCert in body is required")
		return
	}
	blk, _ := pem.Decode([]byte(body.ClientCert))
	if blk == nil || a.pending == nil || !bytes.Equal(blk.Bytes, a.pending) {
		zitiFieldError(w, "clientCert", "the certificate does not match a pending extension of this authenticator")
		return
	}
	a.setCert(a.pending)
	a.pending = nil
	a.Updated = time.Now()
	zitiEmpty(w)
}

// zitiSymbols are the public symbols of the authenticator store.
var zitiSymbols = map[string]zqlType{
	"id": zqlString, "createdAt": zqlTime, "updatedAt": zqlTime, "isSystem": zqlBool, "method": zqlString,
	"identity": zqlString, "updbUsername": zqlString, "updbPassword": zqlString, "updbSalt": zqlString,
	"certFingerprint": zqlString, "certPem": zqlString, "publicKeyPrint": zqlString,
	"isIssuedByNetwork": zqlBool, "isExtendRequested": zqlBool, "isKeyRollRequested": zqlBool,
	"extendRequestedAt": zqlTime, "lastAuthResolvedToRoot": zqlBool, "lastExtendRolledKeys": zqlBool,
}

func zqlSymbolType(name string) (zqlType, bool) {
	if strings.HasPrefix(name, "tags.") {
		return zqlAny, true
	}
	t, ok := zitiSymbols[name]
	return t, ok
}

// zqlGet returns a symbol's value for one entity: nil, string, bool, time.Time or float64.
type zqlGet func(name string) any

func (z *zitiState) symbol(a *zitiAuth) zqlGet {
	return func(name string) any {
		if k, ok := strings.CutPrefix(name, "tags."); ok {
			if v, ok := a.Tags[k].(int); ok {
				return float64(v)
			}
			return a.Tags[k]
		}
		cert := a.Method == "cert"
		str := func(v string, ok bool) any {
			if !ok {
				return nil
			}
			return v
		}
		switch name {
		case "id":
			return a.ID
		case "createdAt":
			return a.Created
		case "updatedAt":
			return a.Updated
		case "method":
			return a.Method
		case "identity":
			return z.identityID
		case "updbUsername":
			return str(a.Username, !cert)
		case "certFingerprint":
			return str(a.Fingerprint, cert)
		case "certPem":
			return str(a.certPEM(), cert)
		case "isIssuedByNetwork":
			return a.Network
		case "lastAuthResolvedToRoot":
			return a.ResolvedToRoot
		case "isSystem", "isExtendRequested", "isKeyRollRequested", "lastExtendRolledKeys":
			return false
		}
		return nil
	}
}
