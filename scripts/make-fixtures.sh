#!/usr/bin/env bash
# Regenerates the test and example fixtures: a stand-in IAM Identity Center certificate and key, its SAML metadata,
# and SAML responses signed by xmlsec1 (an independent signer, so the tests do not check our code with itself).
# Needs openssl and xmlsec1 (Debian package xmlsec1). The outputs are committed; run this only to change them.
set -euo pipefail
cd "$(dirname "$0")/.."
IDP=test/fixtures/idp
SAML=test/fixtures/saml
REALM=JB0123456789abcdef0123456789abcdef
OTHER_REALM=JBfedcba9876543210fedcba9876543210
ID=$(printf '123456789012_ins-0123456789abcdef' | base64 -w0)
ISSUER="https://portal.sso.us-east-1.amazonaws.com/saml/assertion/$ID"
ACS="https://iam.twilio.com/v2/saml2/authenticate/$REALM"
AUDIENCE="https://iam.twilio.com/v2/saml2/metadata/$REALM"

# Keys and certificates: like the ones IAM Identity Center makes (RSA 2048, SHA-256, 5 years, CN=amazonaws.com).
if [ ! -f "$IDP/idp.key" ]; then
  for name in idp other; do
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 1826 -keyout "$IDP/$name.key" -out "$IDP/$name.pem" \
      -subj "/C=US/O=Amazon/OU=IDAS/CN=amazonaws.com" 2>/dev/null
  done
fi
cp "$IDP/idp.pem" examples/aws-idc.pem
CERT_B64=$(grep -v -- ----- "$IDP/idp.pem" | tr -d '\n')

cat > examples/aws-idc-metadata.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="$ISSUER">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>$CERT_B64</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://portal.sso.us-east-1.amazonaws.com/saml/logout/$ID"/>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://portal.sso.us-east-1.amazonaws.com/saml/logout/$ID"/>
    <md:NameIDFormat/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="$ISSUER"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="$ISSUER"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
XML
cp examples/aws-idc-metadata.xml "$IDP/metadata.xml"

# SignedInfo canonicalisation $C14N, reference transform $REF_C14N, KeyInfo unless KEYINFO=no (defaults: exclusive c14n,
# as IAM Identity Center signs).
signature() { # $1 = referenced ID
  local c14n=${C14N:-http://www.w3.org/2001/10/xml-exc-c14n#} ref=${REF_C14N:-http://www.w3.org/2001/10/xml-exc-c14n#}
  local keyinfo='<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>'
  [ "${KEYINFO:-yes}" = no ] && keyinfo=''
  cat <<XML
<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="$c14n"/><ds:SignatureMethod Algorithm="${SIG_ALG:-http://www.w3.org/2001/04/xmldsig-more#rsa-sha256}"/><ds:Reference URI="#$1"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="$ref"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>$keyinfo</ds:Signature>
XML
}

# An assertion as IAM Identity Center sends it, at 2026-12-01T12:00:00Z with a one-hour session.
assertion() { # $1 = audience, $2 = recipient, $3 = attributes XML, $4 = signed (yes/no)
  cat <<XML
<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a0f1c2d3e4" IssueInstant="2026-12-01T12:00:00.000Z" Version="2.0"><saml2:Issuer>$ISSUER</saml2:Issuer>$([ "$4" = yes ] && signature _a0f1c2d3e4)<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">jane.doe@example.com</saml2:NameID><saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotOnOrAfter="2026-12-01T12:05:00.000Z" Recipient="$2"/></saml2:SubjectConfirmation></saml2:Subject><saml2:Conditions NotBefore="2026-12-01T11:55:00.000Z" NotOnOrAfter="2026-12-01T13:00:00.000Z"><saml2:AudienceRestriction><saml2:Audience>$1</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions><saml2:AuthnStatement AuthnInstant="2026-12-01T12:00:00.000Z" SessionIndex="_s1" SessionNotOnOrAfter="2026-12-01T13:00:00.000Z"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement><saml2:AttributeStatement>$3</saml2:AttributeStatement></saml2:Assertion>
XML
}

ATTRS_OK='<saml2:Attribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"><saml2:AttributeValue>jane.doe@example.com</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="roles" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"><saml2:AttributeValue>agent</saml2:AttributeValue></saml2:Attribute>'
ATTRS_NO_ROLES='<saml2:Attribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"><saml2:AttributeValue>jane.doe@example.com</saml2:AttributeValue></saml2:Attribute>'

response() { # $1 = destination, $2 = body (assertions), $3 = signed (yes/no)
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Destination="$1" ID="_r9e8d7c6b5" IssueInstant="2026-12-01T12:00:00.000Z" Version="2.0"><saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">$ISSUER</saml2:Issuer>$([ "$3" = yes ] && signature _r9e8d7c6b5)<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>$2</saml2p:Response>
XML
}

xsign() { # $1 = key name, $2 = input file, $3 = output file, then more xmlsec1 options
  local key=$1 in=$2 out=$3
  shift 3
  xmlsec1 --sign --privkey-pem "$IDP/$key.key,$IDP/$key.pem" \
    --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion \
    --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response \
    "$@" --output "$out" "$in"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Signs the assertion alone, then the response around it (xmlsec1 signs the first Signature it finds). A variant
# changes the assertion with the sed script $EDIT_ASSERTION, or the response with $EDIT_RESPONSE, before signing.
signed_response() { # $1 = key, $2 = destination, $3 = audience, $4 = recipient, $5 = attributes, $6 = output
  assertion "$3" "$4" "$5" yes | sed -e "${EDIT_ASSERTION:-}" > "$tmp/a.xml"
  xsign "$1" "$tmp/a.xml" "$tmp/a-signed.xml"
  response "$2" "$(sed '1{/^<?xml/d}' "$tmp/a-signed.xml")" yes | sed -e "${EDIT_RESPONSE:-}" > "$tmp/r.xml"
  xsign "$1" "$tmp/r.xml" "$6"
}

# Signs the assertion where it stands inside the response, then the response: needed for inclusive c14n, whose
# canonical form takes in the namespaces declared by the Response around the assertion.
# $C14N and $REF_C14N apply to the assertion's signature only; the response's stays exclusive, as the issue had it.
signed_in_place() { # $1 = key, $2 = attributes, $3 = output
  local a
  a=$(assertion "$AUDIENCE" "$ACS" "$2" yes | sed -e "${EDIT_ASSERTION:-}")
  C14N='' REF_C14N='' response "$ACS" "$a" yes > "$tmp/r.xml"
  xsign "$1" "$tmp/r.xml" "$tmp/r-a.xml" --node-xpath "//*[local-name()='Assertion']/*[local-name()='Signature']"
  xsign "$1" "$tmp/r-a.xml" "$3"
}

xverify() { # $1 = file, $2 = XPath of the signature to verify
  xmlsec1 --verify --pubkey-cert-pem "$IDP/idp.pem" --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response \
    --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion --node-xpath "$2" "$1" >/dev/null 2>&1
}

signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/valid.xml"
signed_response other "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/other-key.xml"
signed_response idp "$ACS" "https://iam.twilio.com/v2/saml2/metadata/$OTHER_REALM" "$ACS" "$ATTRS_OK" "$SAML/wrong-audience.xml"
signed_response idp "https://iam.twilio.com/v2/saml2/authenticate/$OTHER_REALM" "$AUDIENCE" "https://iam.twilio.com/v2/saml2/authenticate/$OTHER_REALM" "$ATTRS_OK" "$SAML/wrong-destination.xml"
signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_NO_ROLES" "$SAML/missing-roles.xml"
SIG_ALG=http://www.w3.org/2000/09/xmldsig#rsa-sha1 signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/sha1.xml"
response "$ACS" "$(assertion "$AUDIENCE" "$ACS" "$ATTRS_OK" no)" no > "$SAML/unsigned.xml"


# Regression fixtures for issue 13, one per finding, all signed by xmlsec1 with the configured key.
OTHER_AUDIENCE="https://iam.twilio.com/v2/saml2/metadata/$OTHER_REALM"
# 1. Audience: two restrictions (each must hold), and a restriction outside the assertion's Conditions.
EDIT_ASSERTION="s|</saml2:AudienceRestriction>|&<saml2:AudienceRestriction><saml2:Audience>$OTHER_AUDIENCE</saml2:Audience></saml2:AudienceRestriction>|" \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/audience-two-restrictions.xml"
EDIT_ASSERTION="s|<saml2:AudienceRestriction>.*</saml2:AudienceRestriction>||" \
EDIT_RESPONSE="s|</saml2p:Status>|&<saml2:AudienceRestriction xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\"><saml2:Audience>$AUDIENCE</saml2:Audience></saml2:AudienceRestriction>|" \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/audience-outside-conditions.xml"
# 2. Time: no Conditions; no time bounds at all; unparseable times; times without a zone (read as UTC).
EDIT_ASSERTION='s|<saml2:Conditions .*</saml2:Conditions>||' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/no-conditions.xml"
EDIT_ASSERTION='s| NotOnOrAfter="2026-12-01T12:05:00.000Z"||; s|<saml2:Conditions [^>]*>|<saml2:Conditions>|' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/no-time-bounds.xml"
EDIT_ASSERTION='s|NotOnOrAfter="2026-12-01T13:00:00.000Z"><saml2:AudienceRestriction|NotOnOrAfter="never"><saml2:AudienceRestriction|; s|NotOnOrAfter="2026-12-01T12:05:00.000Z"|NotOnOrAfter="275761-01-01T00:00:00Z"|' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/time-unparseable.xml"
EDIT_ASSERTION='s|\(="2026-12-01T[0-9:]*\)\.000Z"|\1"|g' EDIT_RESPONSE='s|\(="2026-12-01T[0-9:]*\)\.000Z"|\1"|g' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/time-no-zone.xml"
EDIT_ASSERTION='s|<saml2:SubjectConfirmationData |&NotBefore="2026-12-01T11:55:00.000Z" |' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/bearer-not-before.xml"
# 3. Issuer: none in the assertion or the response.
EDIT_ASSERTION='s|<saml2:Issuer>[^<]*</saml2:Issuer>||' EDIT_RESPONSE='s|<saml2:Issuer [^>]*>[^<]*</saml2:Issuer>||' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/no-issuer.xml"
# 4. Work before the key is checked: a namespace name of 2,000 characters, and a 1,000-character namespace that
# exclusive c14n would repeat on 12,000 elements (12 MB) inside the signed assertion.
LONG_NS="urn:x:$(printf 'n%.0s' $(seq 1 1994))"
EDIT_ASSERTION="s|<saml2:AttributeStatement>|<saml2:AttributeStatement xmlns:x=\"$LONG_NS\"><saml2:Attribute Name=\"x\"><saml2:AttributeValue><x:v/></saml2:AttributeValue></saml2:Attribute>|" \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/namespace-long.xml"
NS_1000="urn:x:$(printf 'n%.0s' $(seq 1 994))"
REPEATED=$(printf '<x:v/>%.0s' $(seq 1 12000))
printf '%s' "s|<saml2:AttributeStatement>|<saml2:AttributeStatement xmlns:x=\"$NS_1000\"><saml2:Attribute Name=\"x\"><saml2:AttributeValue>$REPEATED</saml2:AttributeValue></saml2:Attribute>|" > "$tmp/repeat.sed"
assertion "$AUDIENCE" "$ACS" "$ATTRS_OK" yes | sed -f "$tmp/repeat.sed" > "$tmp/a.xml"
xsign idp "$tmp/a.xml" "$tmp/a-signed.xml"
response "$ACS" "$(sed '1{/^<?xml/d}' "$tmp/a-signed.xml")" yes > "$tmp/r.xml"
xsign idp "$tmp/r.xml" "$SAML/namespace-repeated.xml"
# A made-up signature over the root: digest and signature value that no key produced, no KeyInfo.
response "$ACS" "$(assertion "$AUDIENCE" "$ACS" "$ATTRS_OK" no)" yes |
  sed 's|<ds:DigestValue/>|<ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue>|; s|<ds:SignatureValue/>|<ds:SignatureValue>bWFkZSB1cA==</ds:SignatureValue>|; s|<ds:KeyInfo>.*</ds:KeyInfo>||' > "$SAML/made-up-signature.xml"
# 5. Inclusive c14n (with and without comments) in the assertion's signature, which is the second in the document.
C14N=http://www.w3.org/TR/2001/REC-xml-c14n-20010315 REF_C14N=http://www.w3.org/TR/2001/REC-xml-c14n-20010315 \
  signed_in_place idp "$ATTRS_OK" "$SAML/inclusive.xml"
C14N=http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments REF_C14N=http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments \
EDIT_ASSERTION='s|<saml2:AttributeStatement>|<!-- signed by the test IdP --><saml2:AttributeStatement>|' \
  signed_in_place idp "$ATTRS_OK" "$SAML/inclusive-comments.xml"
# 6. Issue 24: an assertion without <AuthnStatement> (the profile requires one); an empty CDATA section in the signed
# NameID (canonicalised as nothing), and the same response with the NameID changed after signing.
EDIT_ASSERTION='s|<saml2:AuthnStatement .*</saml2:AuthnStatement>||' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/no-authn-statement.xml"
EDIT_ASSERTION='s|emailAddress">jane.doe@example.com|emailAddress"><![CDATA[]]>jane.doe@example.com|' \
  signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/cdata-empty.xml"
sed "s|<!\[CDATA\[\]\]>jane.doe@|<![CDATA[]]>mallory@|" "$SAML/cdata-empty.xml" > "$SAML/cdata-tampered.xml"
# Failures explained: signed with another key and no certificate in KeyInfo (digests match, the value does not).
KEYINFO=no signed_response other "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/wrong-key.xml"

# Tampered after signing: the signed email changed to another user's.
sed 's|<saml2:AttributeValue>jane.doe@example.com|<saml2:AttributeValue>mallory@example.com|' "$SAML/valid.xml" > "$SAML/tampered.xml"

# Signature wrapping: an attacker's unsigned assertion placed before the genuine signed one.
EVIL=$(assertion "$AUDIENCE" "$ACS" "${ATTRS_OK//jane.doe/mallory}" no | sed 's/_a0f1c2d3e4/_evil1/; s/jane.doe@example.com/mallory@example.com/')
sed "s|</saml2p:Status>|</saml2p:Status>${EVIL//|/\\|}|" "$SAML/valid.xml" > "$SAML/wrapping.xml"
# Signature wrapping with a duplicated ID: the attacker's copy reuses the signed assertion's ID.
sed "s|</saml2p:Status>|</saml2p:Status>$(assertion "$AUDIENCE" "$ACS" "${ATTRS_OK//jane.doe/mallory}" no | sed 's/jane.doe@example.com/mallory@example.com/' | sed 's/[|&]/\\&/g')|" "$SAML/valid.xml" > "$SAML/wrapping-duplicate-id.xml"

# Encrypted assertion (the content is opaque here: Frontline rejects it whatever it holds).
response "$ACS" '<saml2:EncryptedAssertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml2:EncryptedAssertion>' yes > "$tmp/e.xml"
xsign idp "$tmp/e.xml" "$SAML/encrypted.xml"

# Hostile XML: an external entity (XXE) and an entity expansion bomb.
cat > "$SAML/xxe.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x">&x;</saml2p:Response>
XML
cat > "$SAML/billion-laughs.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x">&lol4;</saml2p:Response>
XML

# Transport encodings of the valid response, as users copy them.
base64 -w0 "$SAML/valid.xml" > "$SAML/valid.b64"
printf 'SAMLResponse=%s&RelayState=' "$(node -e 'process.stdout.write(encodeURIComponent(require("fs").readFileSync(0,"utf8")))' < "$SAML/valid.b64")" > "$SAML/valid.form.txt"
node -e 'process.stdout.write(require("zlib").deflateRawSync(require("fs").readFileSync(0)).toString("base64"))' < "$SAML/valid.xml" > "$SAML/valid.deflate.b64"

# Verify with xmlsec1 itself that every signature of the good fixtures verifies and the bad ones do not.
RESPONSE_SIG="/*/*[local-name()='Signature']"
ASSERTION_SIG="//*[local-name()='Assertion']/*[local-name()='Signature']"
for f in valid sha1 inclusive inclusive-comments audience-two-restrictions audience-outside-conditions no-conditions \
  no-time-bounds time-unparseable time-no-zone bearer-not-before no-issuer namespace-long namespace-repeated \
  no-authn-statement cdata-empty; do
  xverify "$SAML/$f.xml" "$RESPONSE_SIG" || { echo "$f.xml: the response signature does not verify" >&2; exit 1; }
  xverify "$SAML/$f.xml" "$ASSERTION_SIG" || { echo "$f.xml: the assertion signature does not verify" >&2; exit 1; }
done
if xverify "$SAML/wrong-key.xml" "$RESPONSE_SIG"; then echo "wrong-key.xml verifies with idp.pem" >&2; exit 1; fi
if xverify "$SAML/cdata-tampered.xml" "$ASSERTION_SIG"; then echo "cdata-tampered.xml still verifies" >&2; exit 1; fi
if xmlsec1 --verify --pubkey-cert-pem "$IDP/idp.pem" --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion "$SAML/tampered.xml" >/dev/null 2>&1; then
  echo "tampered.xml still verifies: the fixture is wrong" >&2; exit 1
fi
echo "fixtures written to $SAML, $IDP and examples/"
