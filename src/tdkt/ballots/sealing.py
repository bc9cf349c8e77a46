"""Sealing a choice while the ballot is open (AES-GCM, key outside the database).

Whatever is written while a vote is cast is written by the voter's transaction: in PostgreSQL it carries that
transaction's id (``xmin``), sits next to the roll update in the write-ahead log and lands on the heap in voting
order. So the choice is written only as ciphertext, under a key derived from the server's ``SECRET_KEY`` and the
session's random salt — a key the database does not hold. At close the box is unsealed, shuffled and written as
plain ballots in one transaction (see :func:`tdkt.ballots.services.close_session`).

The plaintext has a fixed length (a version byte and one byte per candidate), so the ciphertext's length does not
tell how many names a voter kept. The session's salt is the associated data: a blob moved from another session
does not open.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.crypto import salted_hmac

VERSION = 1
NONCE_BYTES = 12
KEY_SALT = "tdkt.ballots.sealing"


class BrokenSeal(Exception):
    """A sealed ballot that does not open with this server's keys (tampered, moved, or the secret changed)."""


def _keys(salt: str) -> list[bytes]:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [salted_hmac(KEY_SALT, salt, secret=secret, algorithm="sha256").digest() for secret in secrets]


def seal(salt: str, candidate_ids: Sequence[int], chosen: Iterable[int]) -> bytes:
    """The sealed form of a ballot keeping ``chosen`` among the session's ``candidate_ids`` (in ballot order)."""
    chosen = set(chosen)
    plaintext = bytes([VERSION, *(1 if pk in chosen else 0 for pk in candidate_ids)])
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(_keys(salt)[0]).encrypt(nonce, plaintext, salt.encode())


def unseal(salt: str, candidate_ids: Sequence[int], sealed: bytes) -> list[int]:
    """The candidates kept on a sealed ballot. Raises :class:`BrokenSeal`."""
    sealed = bytes(sealed)
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    for key in _keys(salt):
        try:
            plaintext = AESGCM(key).decrypt(nonce, body, salt.encode())
        except InvalidTag:
            continue
        if len(plaintext) != len(candidate_ids) + 1 or plaintext[0] != VERSION:
            raise BrokenSeal("length")
        return [pk for pk, flag in zip(candidate_ids, plaintext[1:], strict=True) if flag == 1]
    raise BrokenSeal("tag")
