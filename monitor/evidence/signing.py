"""Ed25519 signatures over a package's manifest, and RFC 3161 time-stamp tokens over its hash."""
import base64
import hashlib
import secrets
import urllib.request
from pathlib import Path

from asn1crypto import tsp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

TSA_TIMEOUT = 30


class SigningError(ValueError):
    pass


def generate_key(path: Path) -> Path:
    """Writes the private key (PEM, owner-only) at `path` and the public key at `path`.pub."""
    key = Ed25519PrivateKey.generate()
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    path.chmod(0o600)
    public = path.with_name(path.name + ".pub")
    public.write_bytes(public_pem(key.public_key()))
    return public


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_fingerprint(pem: bytes) -> str:
    raw = serialization.load_pem_public_key(pem).public_bytes(serialization.Encoding.Raw,
                                                               serialization.PublicFormat.Raw)
    return "SHA256:" + hashlib.sha256(raw).hexdigest()


def sign(data: bytes, key_path: Path) -> tuple[bytes, bytes]:
    """(signature as base64 text, the signer's public key PEM)."""
    try:
        key = serialization.load_pem_private_key(Path(key_path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningError(f"无法读取签名私钥 {key_path}：{exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"签名私钥 {key_path} 不是 Ed25519 密钥")
    return base64.b64encode(key.sign(data)) + b"\n", public_pem(key.public_key())


def signature_valid(data: bytes, signature_b64: bytes, public_key_pem: bytes) -> bool:
    try:
        key = serialization.load_pem_public_key(public_key_pem)
        key.verify(base64.b64decode(signature_b64.strip(), validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return isinstance(key, Ed25519PublicKey)


def request_timestamp(data: bytes, tsa_url: str) -> bytes:
    """The TSA's TimeStampResp (DER) over SHA-256(data)."""
    request = tsp.TimeStampReq({
        "version": 1, "nonce": secrets.randbits(63), "cert_req": True,
        "message_imprint": {"hash_algorithm": {"algorithm": "sha256"},
                            "hashed_message": hashlib.sha256(data).digest()}})
    http = urllib.request.Request(tsa_url, data=request.dump(), method="POST",
                                  headers={"Content-Type": "application/timestamp-query"})
    try:
        with urllib.request.urlopen(http, timeout=TSA_TIMEOUT) as response:
            answer = response.read()
    except OSError as exc:
        raise SigningError(f"时间戳服务 {tsa_url} 无法访问：{exc}") from None
    timestamp_time(data, answer)  # refuse to store a token that does not cover the manifest
    return answer


def timestamp_time(data: bytes, response_der: bytes) -> str:
    """The time the TSA vouches for, after checking the token covers SHA-256(data)."""
    try:
        response = tsp.TimeStampResp.load(response_der)
        status = response["status"]["status"].native
        if status not in ("granted", "granted_with_mods"):
            raise SigningError(f"时间戳服务拒绝请求（{status}）")
        info = response["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        imprint = info["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        matches = hashlib.new(algorithm, data).digest() == imprint["hashed_message"].native
        gen_time = info["gen_time"].native
    except (ValueError, KeyError, TypeError) as exc:
        raise SigningError(f"时间戳令牌无法解析：{exc}") from None
    if not matches:
        raise SigningError("时间戳令牌与清单的哈希值不符")
    return gen_time.isoformat()
