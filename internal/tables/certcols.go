package tables

import "github.com/credsql/credsql/internal/certinfo"

// certColumns are the decoded certificate columns of docs/schema-contract.md ("Certificate
// columns"), read from the certificate cert returns. A certificate that does not parse gives
// NULL in every one of them.
func certColumns[T any](cert func(T) *certinfo.Lazy) []Column[T] {
	field := func(f func(*certinfo.Cert) any) func(T) any {
		return func(item T) any {
			c := cert(item).Get()
			if c == nil {
				return nil
			}
			return f(c)
		}
	}
	return []Column[T]{
		{Name: "cert_subject", Type: String, Doc: "Subject of the first certificate: RFC 4514, as openssl x509 -nameopt RFC2253 prints it.", Get: field(func(c *certinfo.Cert) any { return c.Subject })},
		{Name: "cert_issuer", Type: String, Doc: "Issuer of the first certificate: RFC 4514, as openssl x509 -nameopt RFC2253 prints it.", Get: field(func(c *certinfo.Cert) any { return c.Issuer })},
		{Name: "cert_serial", Type: String, Doc: "Serial number of the first certificate, hex.", Get: field(func(c *certinfo.Cert) any { return c.Serial })},
		{Name: "cert_not_before", Type: Time, Doc: "Start of the first certificate's validity (UTC).", Get: field(func(c *certinfo.Cert) any { return c.NotBefore })},
		{Name: "cert_not_after", Type: Time, Doc: "End of the first certificate's validity (UTC).", Get: field(func(c *certinfo.Cert) any { return c.NotAfter })},
		{Name: "cert_sha256", Type: String, Doc: "Base64url SHA-256 of the first certificate's DER (the encoding of x5t#S256).", Get: field(func(c *certinfo.Cert) any { return c.SHA256 })},
		{Name: "cert_key_type", Type: String, Doc: "Public key type of the first certificate: RSA, EC or Ed25519.", Get: field(func(c *certinfo.Cert) any { return NZ(c.KeyType) })},
		{Name: "cert_key_bits", Type: Int, Doc: "Public key size in bits (curve size for EC).", Get: field(func(c *certinfo.Cert) any { return int64(c.KeyBits) })},
		{Name: "cert_self_signed", Type: Bool, Doc: "Whether the first certificate is self-signed (issuer = subject and its own key verifies it).", Get: field(func(c *certinfo.Cert) any { return c.SelfSigned })},
		{Name: "cert_chain_length", Type: Int, Doc: "Number of certificates in the chain.", Get: field(func(c *certinfo.Cert) any { return int64(c.ChainLength) })},
	}
}

// x5tMatches is the x5t_s256_matches column: whether the API's thumbprint equals the
// certificate's SHA-256; NULL when either is missing.
func x5tMatches[T any](cert func(T) *certinfo.Lazy, x5t func(T) string) Column[T] {
	return Column[T]{Name: "x5t_s256_matches", Type: Bool,
		Doc: "Whether x5t_s256 equals cert_sha256, the SHA-256 of the certificate actually in x5c; NULL when either is missing.",
		Get: func(item T) any {
			c := cert(item).Get()
			t := x5t(item)
			if c == nil || t == "" {
				return nil
			}
			return c.SHA256 == t
		}}
}
