package certinfo

import (
	"errors"
	"math/big"
	"strconv"
	"unicode/utf8"
)

//go:generate go run gen_oidnames.go

// DN renders a DER-encoded X.501 Name, such as a certificate's RawSubject or RawIssuer, as
// RFC 4514 text, byte for byte as `openssl x509 -noout -subject -nameopt RFC2253` prints it
// (without "subject="). That is the certificate's own RDN sequence, last RDN first, the
// attributes of a multi-valued RDN joined by '+' last first too, and separators without
// spaces. Attribute types are openssl's short names (CN, emailAddress, street; see
// oidNames); a type openssl does not know is a dotted OID with the value's DER in hex after
// '#'. Values are escaped as RFC 2253 asks (a leading '#' or space, a trailing space, and
// , + " \ < > ;), and so are control characters and every byte of a non-ASCII character
// in UTF-8, as \XX.
//
// Unlike pkix.Name.String, which rebuilds the name in a fixed attribute order, DN keeps the
// order and the string types the certificate was issued with.
func DN(der []byte) (string, error) {
	tag, name, rest, err := readElement(der)
	if err != nil {
		return "", err
	}
	if tag != tagSequence || len(rest) != 0 {
		return "", errMalformedName
	}
	type attribute struct {
		rdn             int
		oid, value, der []byte // the OID's content, the value's content and whole element
		tag             byte   // the value's identifier octet
	}
	var attrs []attribute
	for rdn := 0; len(name) > 0; rdn++ {
		tag, set, next, err := readElement(name)
		if err != nil {
			return "", err
		}
		if tag != tagSet {
			return "", errMalformedName
		}
		name = next
		for len(set) > 0 {
			tag, atv, next, err := readElement(set)
			if err != nil {
				return "", err
			}
			if tag != tagSequence {
				return "", errMalformedName
			}
			set = next
			tag, oid, rest, err := readElement(atv)
			if err != nil {
				return "", err
			}
			if tag != tagOID {
				return "", errMalformedName
			}
			tag, value, after, err := readElement(rest)
			if err != nil {
				return "", err
			}
			attrs = append(attrs, attribute{rdn: rdn, oid: oid, value: value, der: rest[:len(rest)-len(after)], tag: tag})
		}
	}

	var b []byte
	for i := len(attrs) - 1; i >= 0; i-- {
		a := attrs[i]
		if i < len(attrs)-1 {
			if attrs[i+1].rdn == a.rdn {
				b = append(b, '+')
			} else {
				b = append(b, ',')
			}
		}
		oid, err := dottedOID(a.oid)
		if err != nil {
			return "", err
		}
		if name, ok := oidNames[oid]; ok {
			b = append(b, name...)
			b = append(b, '=')
			if b, err = appendValue(b, a.tag, a.value, a.der); err != nil {
				return "", err
			}
			continue
		}
		// openssl writes the OID into an 80-byte buffer, so it prints at most 79 characters
		// of it, and always dumps the value of an attribute type it does not know.
		if len(oid) > 79 {
			oid = oid[:79]
		}
		b = append(b, oid...)
		b = append(b, '=')
		b = appendHex(b, a.der)
	}
	return string(b), nil
}

const (
	tagOID      = 0x06
	tagSequence = 0x30
	tagSet      = 0x31
)

var errMalformedName = errors.New("malformed distinguished name")

// readElement reads one DER element from b: its identifier octet, its content, and what
// follows it. High tag numbers and indefinite lengths are refused; no name uses them.
func readElement(b []byte) (tag byte, content, rest []byte, err error) {
	if len(b) < 2 || b[0]&0x1f == 0x1f {
		return 0, nil, nil, errMalformedName
	}
	tag, n, b := b[0], uint64(b[1]), b[2:]
	if n >= 0x80 {
		size := int(n & 0x7f)
		if size == 0 || size > 4 || len(b) < size {
			return 0, nil, nil, errMalformedName
		}
		n = 0
		for _, c := range b[:size] {
			n = n<<8 | uint64(c)
		}
		b = b[size:]
	}
	if uint64(len(b)) < n {
		return 0, nil, nil, errMalformedName
	}
	return tag, b[:n], b[n:], nil
}

// appendValue appends an attribute value as openssl prints it. openssl reads a string type's
// characters, converts each to UTF-8 and escapes the bytes; a UTF8String's bytes it escapes as
// they are; a type that is not a string it dumps as '#' and its DER in hex.
func appendValue(b []byte, tag byte, s, der []byte) ([]byte, error) {
	width, convert := 1, true
	switch tag {
	case 0x0c: // UTF8String
		convert = false
	case 0x12, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1a: // Numeric, Printable, T61 (Latin-1), IA5, UTCTime, GeneralizedTime, Visible
	case 0x1c: // UniversalString
		width = 4
	case 0x1e: // BMPString
		width = 2
	default:
		return appendHex(b, der), nil
	}
	if len(s)%width != 0 {
		return nil, errMalformedName
	}
	for i := 0; i < len(s); i += width {
		// openssl sets, not adds, the flags of the last character, so a lone '#' is not escaped.
		last := i+width == len(s)
		first := i == 0 && !last
		var c uint32
		for _, x := range s[i : i+width] {
			c = c<<8 | uint32(x)
		}
		if !convert || c < utf8.RuneSelf {
			b = appendEscaped(b, byte(c), first, last)
			continue
		}
		if 0xd800 <= c && c < 0xe000 || c > utf8.MaxRune {
			continue // openssl cannot write these in UTF-8, and prints nothing for them
		}
		var u [utf8.UTFMax]byte
		for _, x := range u[:utf8.EncodeRune(u[:], rune(c))] {
			b = appendEscaped(b, x, false, false)
		}
	}
	return b, nil
}

const hexDigits = "0123456789ABCDEF"

// appendEscaped appends one byte of a value, escaped as openssl's RFC2253 option does.
func appendEscaped(b []byte, c byte, first, last bool) []byte {
	switch {
	case c < 0x20 || c >= 0x7f:
		return append(b, '\\', hexDigits[c>>4], hexDigits[c&0xf])
	case c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';',
		c == ' ' && (first || last), c == '#' && first:
		return append(b, '\\', c)
	}
	return append(b, c)
}

func appendHex(b, der []byte) []byte {
	b = append(b, '#')
	for _, c := range der {
		b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
	}
	return b
}

// dottedOID renders the content of an OBJECT IDENTIFIER in dotted form.
func dottedOID(b []byte) (string, error) {
	if len(b) == 0 || b[len(b)-1]&0x80 != 0 {
		return "", errMalformedName
	}
	var out []byte
	for i := 0; len(b) > 0; i++ {
		n := 1
		for b[n-1]&0x80 != 0 {
			n++
		}
		arc := b[:n]
		b = b[n:]
		if arc[0] == 0x80 {
			return "", errMalformedName
		}
		if i > 0 {
			out = append(out, '.')
		}
		if n > 9 { // more than 63 bits
			v := new(big.Int)
			for _, c := range arc {
				v.Lsh(v, 7).Or(v, big.NewInt(int64(c&0x7f)))
			}
			if i == 0 {
				out = append(out, "2."...)
				v.Sub(v, big.NewInt(80))
			}
			out = v.Append(out, 10)
			continue
		}
		var v uint64
		for _, c := range arc {
			v = v<<7 | uint64(c&0x7f)
		}
		if i == 0 {
			first := min(v/40, 2)
			out = append(out, byte('0'+first), '.')
			v -= first * 40
		}
		out = strconv.AppendUint(out, v, 10)
	}
	return string(out), nil
}
