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

signature() { # $1 = referenced ID
  cat <<XML
<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="${SIG_ALG:-http://www.w3.org/2001/04/xmldsig-more#rsa-sha256}"/><ds:Reference URI="#$1"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>
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

xsign() { # $1 = key name, $2 = input file, $3 = output file
  xmlsec1 --sign --privkey-pem "$IDP/$1.key,$IDP/$1.pem" \
    --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion \
    --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response \
    --output "$3" "$2"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Signs the assertion alone, then the response around it (xmlsec1 signs the first Signature it finds).
signed_response() { # $1 = key, $2 = destination, $3 = audience, $4 = recipient, $5 = attributes, $6 = output
  assertion "$3" "$4" "$5" yes > "$tmp/a.xml"
  xsign "$1" "$tmp/a.xml" "$tmp/a-signed.xml"
  response "$2" "$(sed '1{/^<?xml/d}' "$tmp/a-signed.xml")" yes > "$tmp/r.xml"
  xsign "$1" "$tmp/r.xml" "$6"
}

signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/valid.xml"
signed_response other "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/other-key.xml"
signed_response idp "$ACS" "https://iam.twilio.com/v2/saml2/metadata/$OTHER_REALM" "$ACS" "$ATTRS_OK" "$SAML/wrong-audience.xml"
signed_response idp "https://iam.twilio.com/v2/saml2/authenticate/$OTHER_REALM" "$AUDIENCE" "https://iam.twilio.com/v2/saml2/authenticate/$OTHER_REALM" "$ATTRS_OK" "$SAML/wrong-destination.xml"
signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_NO_ROLES" "$SAML/missing-roles.xml"
SIG_ALG=http://www.w3.org/2000/09/xmldsig#rsa-sha1 signed_response idp "$ACS" "$AUDIENCE" "$ACS" "$ATTRS_OK" "$SAML/sha1.xml"
response "$ACS" "$(assertion "$AUDIENCE" "$ACS" "$ATTRS_OK" no)" no > "$SAML/unsigned.xml"

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

# Verify with xmlsec1 itself that the good fixtures verify and the bad ones do not.
for f in valid sha1; do
  xmlsec1 --verify --pubkey-cert-pem "$IDP/idp.pem" --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion "$SAML/$f.xml" >/dev/null 2>&1
done
if xmlsec1 --verify --pubkey-cert-pem "$IDP/idp.pem" --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion "$SAML/tampered.xml" >/dev/null 2>&1; then
  echo "tampered.xml still verifies: the fixture is wrong" >&2; exit 1
fi
echo "fixtures written to $SAML, $IDP and examples/"
