package sim

// EstateRecords reads authorization servers and their keys, API tokens, and an IdP's CSRs and
// signing keys from the simulator's state, as Records does for the other kinds.
func (s *Server) EstateRecords(kind, parent string) []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Record
	switch kind {
	case "authz_servers":
		for _, a := range s.okta.estate.authz {
			out = append(out, Record{ID: a.ID, Name: a.Name, Status: a.Status, Mode: a.RotationMode})
		}
	case "authz_keys":
		for _, a := range s.okta.estate.authz {
			if a.ID == parent {
				for _, k := range a.Keys {
					out = append(out, Record{ID: k.Kid, Status: k.Status})
				}
			}
		}
	case "api_tokens":
		for _, t := range s.okta.estate.tokens {
			out = append(out, Record{ID: t.ID, Name: t.Name})
		}
	case "idp_csrs", "idp_signing_keys":
		if c := s.okta.estate.idpCreds[parent]; c != nil {
			if kind == "idp_csrs" {
				for _, x := range c.CSRs {
					out = append(out, Record{ID: x.ID})
				}
			} else {
				for _, k := range c.Keys {
					out = append(out, Record{ID: k.Kid})
				}
			}
		}
	default:
		panic("sim: no estate records of kind " + kind)
	}
	return out
}
