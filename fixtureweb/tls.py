"""A throwaway certificate authority that issues per-site certificates on demand."""

from __future__ import annotations

import datetime
import ssl
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from fixtureweb.world import Site

DEFAULT_MISMATCH_NAME = "default.hosting-panel.invalid"


class CertificateAuthority:
    """Generated at start; its certificate is written to `cert_path` for clients to trust."""

    def __init__(self, directory: Path):
        self.directory = directory
        # EC keys: generating them is cheap, and one leaf key serves every site.
        self._ca_key = ec.generate_private_key(ec.SECP256R1())
        self._leaf_key = ec.generate_private_key(ec.SECP256R1())
        self._ca_name = _name("certsweep fixture CA")
        self.ca_cert = self._issue(
            self._ca_name, self._ca_key.public_key(), self._ca_key, self._ca_name, names=(), is_ca=True)
        self.cert_path = directory / "fixture-ca.pem"
        self.cert_path.write_bytes(self.ca_cert.public_bytes(serialization.Encoding.PEM))
        self._key_path = directory / "leaf-key.pem"
        self._key_path.write_bytes(self._leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    def context_for(self, site: Site) -> ssl.SSLContext:
        """A server-side TLS context presenting the certificate the site is configured for."""
        with self._lock:
            if site.host not in self._contexts:
                self._contexts[site.host] = self._make_context(site)
            return self._contexts[site.host]

    def _make_context(self, site: Site) -> ssl.SSLContext:
        names = site.names
        chain = []
        if site.tls == "self-signed":
            subject = _name(site.host)
            chain.append(self._issue(subject, self._leaf_key.public_key(), self._leaf_key, subject, names))
        else:
            if site.tls == "mismatch":
                names = (site.tls_name or DEFAULT_MISMATCH_NAME,)
            leaf = self._issue(_name(names[0]), self._leaf_key.public_key(), self._ca_key, self._ca_name,
                               names, expired=site.tls == "expired")
            chain += [leaf, self.ca_cert]
        cert_path = self.directory / f"{site.host}.pem"
        cert_path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, self._key_path)
        context.set_alpn_protocols(["http/1.1"])
        return context

    def _issue(self, subject, public_key, signing_key, issuer, names, is_ca=False, expired=False):
        now = datetime.datetime.now(datetime.timezone.utc)
        start, end = (now - datetime.timedelta(days=400), now - datetime.timedelta(days=30)) if expired \
            else (now - datetime.timedelta(days=1), now + datetime.timedelta(days=90))
        signer_public = signing_key.public_key()
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signer_public), critical=False)
        )
        if is_ca:
            builder = builder.add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                key_encipherment=False, data_encipherment=False, key_agreement=False,
                encipher_only=False, decipher_only=False), critical=True)
        else:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False
            ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        return builder.sign(signing_key, hashes.SHA256())


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
