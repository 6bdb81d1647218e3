//go:build ignore

// craft issues the certificates of gen.sh whose names openssl does not write: their subjects
// are DER written here byte by byte.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"log"
	"math/big"
	"os"
	"strconv"
	"strings"
	"time"
)

type attr struct {
	oid string // dotted
	tag byte   // universal string type
	val string
}

const (
	cn = "2.5.4.3"
	o  = "2.5.4.10"
	ou = "2.5.4.11"
)

const (
	utf8String      = 0x0c
	numericString   = 0x12
	printableString = 0x13
	t61String       = 0x14
	ia5String       = 0x16
	universalString = 0x1c
	bmpString       = 0x1e
)

func main() {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	long := "1.3.6.1.4.1.99999"
	for i := 1; i < 34; i++ {
		long += "." + strconv.Itoa(i)
	}
	names := map[string][][]attr{
		// A multi-valued RDN in the order given, not sorted as DER asks.
		"unsorted_set": {{{o, utf8String, "Acme"}}, {{ou, utf8String, "z"}, {cn, utf8String, "x"}, {o, utf8String, "y"}}},
		"empty_rdn":    {{{o, utf8String, "Acme"}}, {}, {{cn, utf8String, "x"}}},
		"empty_name":   {},
		"t61_bytes":    {{{cn, t61String, string(all)}}},
		"utf8_bytes":   {{{cn, utf8String, string(all[:128]) + "é€😀"}}},
		// A BMPString ending in the 0000 terminator, which crypto/x509 drops and openssl prints.
		"bmp": {{{cn, bmpString, "\x00a\x00\xe9\x65\xe5\x00,\x00\x00"}}},
		"crafted_string_types": {{{"2.5.4.5", numericString, "0123 456"}},
			{{o, printableString, "A*&B (x)"}}, {{cn, ia5String, "a@b;c"}}},
		"lone_chars": {{{cn, utf8String, "#"}}, {{o, utf8String, " "}}, {{ou, utf8String, "# "}},
			{{ou, utf8String, ""}}, {{ou, utf8String, "  "}}, {{ou, utf8String, " # "}}, {{ou, utf8String, "\\"}}},
		"long_oid": {{{long, utf8String, "v"}}, {{"2.999.1", bmpString, "\x00x"}}, {{"1.2.3", printableString, "p"}}},
		// Names that crypto/x509 refuses: a UniversalString (openssl req writes none for the
		// attributes it knows), and arcs wider than 64 bits: a UUID OID, and a huge second arc.
		"universal": {{{o, universalString, ucs4("Zoë")}}, {{cn, universalString, ucs4("日本 😀,")}}},
		"big_oid": {{{"2.25.329800735698586629295641978511506172918", utf8String, "u"}},
			{{"2.36893488147419103237.1", utf8String, "w"}}},
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	for file, rdns := range names {
		if file == "big_oid" || file == "universal" {
			writeCert(file, issueUnchecked(name(rdns), key))
			continue
		}
		writeCert(file, issue(name(rdns), nil, key).Raw)
	}
	// Subject and issuer both crafted, and different.
	ca := issue(name([][]attr{{{o, t61String, "Acme\xe9"}}, {{cn, utf8String, "CA"}, {ou, bmpString, "\x00R"}}}), nil, key)
	writeCert("crafted_issuer", issue(name([][]attr{{{cn, utf8String, " leaf "}}}), ca, key).Raw)
}

func issue(subject []byte, parent *x509.Certificate, key *ecdsa.PrivateKey) *x509.Certificate {
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), RawSubject: subject,
		NotBefore: time.Now(), NotAfter: time.Now().AddDate(100, 0, 0), DNSNames: []string{"x.example"}}
	if parent == nil {
		parent = tpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, parent, &key.PublicKey, key)
	if err != nil {
		log.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		log.Fatalf("%x: %v", subject, err)
	}
	return c
}

// issueUnchecked issues a self-signed certificate whose subject crypto/x509 cannot parse back.
func issueUnchecked(subject []byte, key *ecdsa.PrivateKey) []byte {
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), RawSubject: subject,
		NotBefore: time.Now(), NotAfter: time.Now().AddDate(100, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		log.Fatal(err)
	}
	return der
}

func writeCert(file string, der []byte) {
	if err := os.WriteFile(file+".pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		log.Fatal(err)
	}
}

func name(rdns [][]attr) []byte {
	var seq []byte
	for _, rdn := range rdns {
		var set []byte
		for _, a := range rdn {
			oid := element(0x06, oidContent(a.oid))
			set = append(set, element(0x30, append(oid, element(a.tag, []byte(a.val))...))...)
		}
		seq = append(seq, element(0x31, set)...)
	}
	return element(0x30, seq)
}

func element(tag byte, content []byte) []byte {
	switch n := len(content); {
	case n < 0x80:
		return append([]byte{tag, byte(n)}, content...)
	case n < 0x100:
		return append([]byte{tag, 0x81, byte(n)}, content...)
	default:
		return append([]byte{tag, 0x82, byte(n >> 8), byte(n)}, content...)
	}
}

// oidContent encodes a dotted OID, arcs of any size.
func oidContent(dotted string) []byte {
	var arcs []*big.Int
	for _, s := range strings.Split(dotted, ".") {
		n, ok := new(big.Int).SetString(s, 10)
		if !ok {
			log.Fatalf("OID %s", dotted)
		}
		arcs = append(arcs, n)
	}
	first := new(big.Int).Mul(arcs[0], big.NewInt(40))
	arcs = append([]*big.Int{first.Add(first, arcs[1])}, arcs[2:]...)
	var out []byte
	for _, n := range arcs {
		var groups []byte
		for n = new(big.Int).Set(n); ; n.Rsh(n, 7) {
			groups = append([]byte{byte(n.Uint64() & 0x7f)}, groups...)
			if n.Cmp(big.NewInt(0x7f)) <= 0 {
				break
			}
		}
		for i := range groups[:len(groups)-1] {
			groups[i] |= 0x80
		}
		out = append(out, groups...)
	}
	return out
}

// ucs4 encodes s as the content of a UniversalString: four bytes per character.
func ucs4(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
	}
	return string(b)
}
