#!/bin/sh
# Regenerates the certificates of TestDNMatchesOpenSSL (NAME.pem) and what openssl prints for
# them (NAME.txt, the output of `openssl x509 -noout -subject -nameopt RFC2253` and then of
# `-issuer`). Most are issued by `openssl req`; craft.go issues the ones whose names openssl
# will not write (unsorted or empty RDNs, arbitrary bytes, long OIDs, UniversalString).
# Run: sh gen.sh
set -eu
cd "$(dirname "$0")"
rm -f ./*.pem ./*.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/key.pem"

# req NAME STRING_MASK SUBJECT: a self-signed certificate. The string mask picks the string
# types: utf8only gives UTF8String; default gives PrintableString, IA5String, T61String or
# BMPString, whichever is the first to hold the value.
# testAttr and testMulti are OIDs that only this configuration names: the openssl that
# prints the certificate afterwards does not know them.
req() {
	printf 'oid_section = oids\n[oids]\ntestAttr = 1.2.3.4.5\ntestMulti = 1.3.6.1.4.1.99999.1\n' >"$tmp/req.cnf"
	printf '[req]\ndistinguished_name = dn\nstring_mask = %s\n[dn]\n' "$2" >>"$tmp/req.cnf"
	openssl req -config "$tmp/req.cnf" -x509 -new -key "$tmp/key.pem" -days 36500 -utf8 -multivalue-rdn \
		-subj "$3" -out "$1.pem"
}

req multivalued utf8only '/CN=x+OU=Team/O=Acme/C=US'
req multivalued3 utf8only '/C=US/CN=x+OU=Team+O=Acme'
req cn_first utf8only '/CN=web.example/O=Acme/C=US'
req two_ous utf8only '/C=US/O=Acme/OU=Eng/OU=Platform/CN=svc'
req email utf8only '/C=US/O=Acme/CN=alice/emailAddress=alice@example.com'
req dc_uid utf8only '/DC=com/DC=example/OU=People/UID=alice/CN=Alice'
req escaping utf8only '/CN=a\,b\+c"d\\e<f>g;h=i/O=\#lead/OU= lead space/L=trail space /ST=mid # and  spaces/street=#/title= /description=<>'
req utf8 utf8only '/C=FR/O=Café Zoë/OU=Ωmega/CN=日本語 😀'
req string_mask_default default '/C=DE/O=Müller GmbH/OU=日本/CN=a@b.example/serialNumber=0123'
req attribute_names utf8only '/jurisdictionC=US/businessCategory=Private Organization/serialNumber=42/street=1 Main St/postalCode=12345/organizationIdentifier=VATDE-123/GN=Ann/SN=Lee/title=Dr/pseudonym=al/initials=AL/generationQualifier=III/dnQualifier=q/mail=a@b.example/unstructuredName=u/CN=ev'
req unknown_oid utf8only '/testAttr=custom value/CN=x+testMulti=multi'

# A leaf issued by a CA, so that subject and issuer differ.
req ca utf8only '/C=US/O=Acme\, Inc./OU=PKI+OU=Roots/CN=Acme Root CA'
openssl req -new -key "$tmp/key.pem" -utf8 -subj '/CN=leaf.example/O=Acme' -out "$tmp/leaf.csr"
openssl x509 -req -in "$tmp/leaf.csr" -CA ca.pem -CAkey "$tmp/key.pem" -set_serial 2 -days 36500 -out issued.pem 2>/dev/null

go run craft.go

for f in ./*.pem; do
	openssl x509 -in "$f" -noout -subject -nameopt RFC2253 >"${f%.pem}.txt"
	openssl x509 -in "$f" -noout -issuer -nameopt RFC2253 >>"${f%.pem}.txt"
done
