package sim

import (
	"encoding/base64"
	"io"
	"net/http"
	"time"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// The CSR endpoints of apps (docs/vendors/okta.md §3.3) and of identity providers (§3.11)
// answer the same way under another parent: one set of handlers, given what differs.

// csrKind is what differs between the two.
type csrKind struct {
	// parentParam and csrParam are the path parameters; notFound the type a 404 names.
	parentParam, csrParam, notFound string
	get, publish                    routes.Route
	// parent finds the parent, answering 404 when it is missing.
	parent func(s *Server, w http.ResponseWriter, id string) *csrParent
	// newID draws a new CSR's id.
	newID func(st *oktaState) string
}

// csrParent is an app's or an IdP's pending CSRs, and how a published certificate becomes
// one of its keys (the key's JSON).
type csrParent struct {
	csrs   *[]*oktaCSR
	addKey func(der []byte, now time.Time) any
}

var appCSRKind = csrKind{
	parentParam: "appId", csrParam: "csrId", notFound: "AppInstanceCsr",
	get: oktaroutes.GetAppCSR, publish: oktaroutes.PublishAppCSR,
	parent: func(s *Server, w http.ResponseWriter, id string) *csrParent {
		a := s.app(w, id)
		if a == nil {
			return nil
		}
		return &csrParent{csrs: &a.CSRs, addKey: func(der []byte, now time.Time) any {
			k := &oktaKey{Kid: kid(s.okta.liveRNG), Created: now, LastUpdated: now, der: der}
			a.Keys = append(a.Keys, k)
			return k.json()
		}}
	},
	newID: func(st *oktaState) string {
		id := kid(st.liveRNG)
		_ = st.liveRNG.IntN(len(keys().rsa)) // keeps the live generator's sequence what it was
		return id
	},
}

var idpCSRKind = csrKind{
	parentParam: "idpId", csrParam: "idpCsrId", notFound: "IdpCsr",
	get: oktaroutes.GetIdPCSR, publish: oktaroutes.PublishIdPCSR,
	parent: func(s *Server, w http.ResponseWriter, id string) *csrParent {
		c := s.creds(w, id)
		if c == nil {
			return nil
		}
		return &csrParent{csrs: &c.CSRs, addKey: func(der []byte, now time.Time) any {
			k := &oktaIdPKey{}
			k.Kid, k.Created, k.LastUpdated, k.der = oktaID(s.okta.estate.rotateRNG, "akm"), now, now, der
			c.Keys = append(c.Keys, k)
			return k.json()
		}}
	},
	newID: func(st *oktaState) string { return kid(st.estate.rotateRNG) },
}

// csrRoutes registers the five CSR handlers of a kind.
func (s *Server) csrRoutes(add func(r routes.Route, h handler), k csrKind, list, generate, revoke routes.Route) {
	add(list, s.listCSRs(k))
	add(generate, s.generateCSR(k))
	add(k.get, s.getCSR(k))
	add(revoke, s.revokeCSR(k))
	add(k.publish, s.publishCSR(k))
}

func (k csrKind) json(c *oktaCSR, base, parentID string) map[string]any {
	der, _ := c.pkcs10()
	return map[string]any{
		"id": c.ID, "created": oktaTS(c.Created), "csr": base64.StdEncoding.EncodeToString(der), "kty": "RSA",
		"_links": map[string]any{
			"self":    halLink(base+k.get.Expand(parentID, c.ID), "GET", "DELETE"),
			"publish": halLink(base+k.publish.Expand(parentID, c.ID), "POST"),
		},
	}
}

// write answers with a CSR: JSON, or the PKCS#10 request in base64 when asked for it.
func (k csrKind) write(w http.ResponseWriter, r *http.Request, status int, parentID string, c *oktaCSR) {
	if !wantsPKCS10(r) {
		writeJSON(w, status, k.json(c, baseURL(r), parentID))
		return
	}
	der, _ := c.pkcs10()
	w.Header().Set("Content-Type", "application/pkcs10; filename=okta.p10")
	w.Header().Set("Content-Transfer-Encoding", "base64")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, base64.StdEncoding.EncodeToString(der))
}

// find finds the parent and one of its CSRs, answering 404 when either is missing.
func (k csrKind) find(s *Server, w http.ResponseWriter, p params) (*csrParent, int) {
	parent := k.parent(s, w, p[k.parentParam])
	if parent == nil {
		return nil, -1
	}
	for i, c := range *parent.csrs {
		if c.ID == p[k.csrParam] {
			return parent, i
		}
	}
	oktaNotFound(w, p[k.csrParam], k.notFound)
	return nil, -1
}

func (s *Server) listCSRs(k csrKind) handler {
	return func(w http.ResponseWriter, r *http.Request, p params) {
		parent := k.parent(s, w, p[k.parentParam])
		if parent == nil {
			return
		}
		out := make([]map[string]any, 0, len(*parent.csrs))
		for _, c := range *parent.csrs {
			out = append(out, k.json(c, baseURL(r), p[k.parentParam]))
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) getCSR(k csrKind) handler {
	return func(w http.ResponseWriter, r *http.Request, p params) {
		if parent, i := k.find(s, w, p); parent != nil {
			k.write(w, r, http.StatusOK, p[k.parentParam], (*parent.csrs)[i])
		}
	}
}

func (s *Server) generateCSR(k csrKind) handler {
	return func(w http.ResponseWriter, r *http.Request, p params) {
		parent := k.parent(s, w, p[k.parentParam])
		if parent == nil {
			return
		}
		var meta csrMetadata
		if !readJSON(w, r, &meta) {
			return
		}
		// Which subject fields Okta enforces is unverified (okta.md §3.3): only the subject
		// object itself is required here.
		if meta.Subject == nil {
			oktaValidation(w, "csrMetadata", "subject: The field cannot be left blank.")
			return
		}
		st := s.okta
		c := &oktaCSR{ID: k.newID(st), Created: st.clock(), Meta: meta, key: st.keys.fresh()}
		if _, err := c.pkcs10(); err != nil {
			oktaValidation(w, "csrMetadata", err.Error())
			return
		}
		*parent.csrs = append(*parent.csrs, c)
		w.Header().Set("Location", baseURL(r)+k.get.Expand(p[k.parentParam], c.ID))
		k.write(w, r, http.StatusCreated, p[k.parentParam], c)
	}
}

func (s *Server) revokeCSR(k csrKind) handler {
	return func(w http.ResponseWriter, r *http.Request, p params) {
		parent, i := k.find(s, w, p)
		if parent == nil {
			return
		}
		*parent.csrs = append((*parent.csrs)[:i], (*parent.csrs)[i+1:]...)
		w.WriteHeader(http.StatusNoContent)
	}
}

// publishCSR checks the certificate against the CSR (publishedCert) and turns it into a key
// of the parent; the CSR is gone.
func (s *Server) publishCSR(k csrKind) handler {
	return func(w http.ResponseWriter, r *http.Request, p params) {
		parent, i := k.find(s, w, p)
		if parent == nil {
			return
		}
		now := s.okta.clock()
		der, ok := s.publishedCert(w, r, (*parent.csrs)[i], now)
		if !ok {
			return
		}
		key := parent.addKey(der, now)
		*parent.csrs = append((*parent.csrs)[:i], (*parent.csrs)[i+1:]...)
		writeJSON(w, http.StatusCreated, key)
	}
}
