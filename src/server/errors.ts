/*
 * Every refusal the server gives is an `ApiError` turned into `{ error: { code,
 * message, details? } }` with the status below. Messages are plain words for the
 * person holding the tablet: Indonesian by default, English on request. Nothing
 * internal (stack, SQL, paths) ever reaches a response.
 */
import type { Locale } from "../domain/types.ts";
import type { ErrorBody, ErrorCode, RejectReason, RevokeReason } from "../protocol/wire.ts";

type Words = { id: string; en: string };

export const ERROR_STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500> = {
  "bad-request": 400,
  "invalid-body": 400,
  "protocol-unsupported": 400,
  unauthorized: 401,
  "device-revoked": 401,
  "invalid-credentials": 401,
  forbidden: 403,
  "device-mismatch": 403,
  "not-found": 404,
  "join-code-invalid": 404,
  "setup-closed": 409,
  "device-id-taken": 409,
  "mutation-id-reused": 409,
  "edition-stale": 409,
  "edition-not-open": 409,
  "transition-refused": 409,
  "edition-exists": 409,
  "reason-required": 400,
  "backup-invalid": 400,
  "rescue-file-invalid": 400,
  "edition-not-closed": 409,
  "read-link-invalid": 404,
  "not-published": 404,
  "payload-too-large": 413,
  "batch-too-large": 413,
  "unsupported-media-type": 415,
  "rate-limited": 429,
  internal: 500,
};

const ERROR_WORDS: Record<ErrorCode, Words> = {
  "bad-request": { id: "Permintaan tidak dapat diproses.", en: "The request could not be processed." },
  "invalid-body": { id: "Data yang dikirim tidak sah.", en: "The data sent is not valid." },
  "protocol-unsupported": {
    id: "Versi aplikasi ini terlalu lama atau terlalu baru untuk server. Muat ulang aplikasi.",
    en: "This app version is too old or too new for the server. Reload the app.",
  },
  unauthorized: {
    id: "Perangkat atau sesi ini belum terdaftar atau sudah dicabut. Masuk atau daftarkan ulang perangkat.",
    en: "This device or session is not signed in, or its access was revoked. Sign in or enrol the device again.",
  },
  "device-revoked": {
    id: "Akses tablet ini sudah dicabut. Perubahan yang belum terkirim tetap aman di tablet; minta kode gabung baru ke koordinator.",
    en: "This tablet's access was revoked. Unsent changes stay safe on the tablet; ask the coordinator for a new join code.",
  },
  "invalid-credentials": { id: "Nama atau kata sandi salah.", en: "Wrong name or password." },
  forbidden: { id: "Anda tidak berwenang melakukan ini.", en: "You are not allowed to do this." },
  "device-mismatch": {
    id: "Perangkat dalam permintaan tidak sama dengan perangkat yang terdaftar untuk token ini.",
    en: "The device in the request is not the device this token was issued to.",
  },
  "not-found": { id: "Data yang diminta tidak ditemukan.", en: "The requested item was not found." },
  "join-code-invalid": {
    id: "Kode bergabung tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta kode baru ke koordinator.",
    en: "The join code is unknown, already used, or expired. Ask the coordinator for a new one.",
  },
  "device-id-taken": {
    id: "ID perangkat ini sudah dipakai tablet lain. Muat ulang aplikasi agar perangkat mendapat ID baru, lalu gabung lagi.",
    en: "This device id is already used by another tablet. Reload the app so the device gets a new id, then join again.",
  },
  "setup-closed": {
    id: "Koordinator pertama sudah dibuat. Silakan masuk.",
    en: "The first coordinator already exists. Please sign in.",
  },
  "mutation-id-reused": {
    id: "Sebuah ID perubahan dipakai lagi dengan isi berbeda. Tidak ada yang disimpan dari kiriman ini.",
    en: "A change id was reused with different content. Nothing from this request was saved.",
  },
  "edition-stale": {
    id: "Edisi ini sudah diubah orang lain sejak Anda membukanya. Muat ulang, periksa perubahannya, lalu simpan lagi.",
    en: "Someone changed this edition since you opened it. Reload, review their changes, then save again.",
  },
  "edition-not-open": {
    id: "Edisi ini belum dibuka atau sudah ditutup: tablet hanya bisa bergabung dan menilai saat edisi dibuka. Hubungi koordinator.",
    en: "This edition is not open (not yet, or no longer): tablets join and score only while it is open. Contact the coordinator.",
  },
  "transition-refused": {
    id: "Status edisi tidak bisa diubah seperti itu. Urutannya draf → dibuka → ditutup → diumumkan; mengumumkan hanya lewat Dokumen → Penerbitan → Terbitkan.",
    en: "The edition's state cannot change that way. The order is draft → open → closed → published; publishing happens only through Documents → Publishing → Publish.",
  },
  "edition-exists": {
    id: "Sudah ada edisi dengan ID ini. Pilih ID lain.",
    en: "An edition with this id already exists. Choose another id.",
  },
  "reason-required": {
    id: "Tuliskan alasannya: alasan membuka kembali lembar ini dicatat dan ditampilkan di tablet anggota panel.",
    en: "Write the reason: why the sheet is reopened is recorded and shown on the panel member's tablet.",
  },
  "backup-invalid": {
    id: "Berkas cadangan ditolak dan tidak ada yang dipulihkan.",
    en: "The backup file was refused and nothing was restored.",
  },
  "rescue-file-invalid": {
    id: "Berkas cadangan tablet ditolak dan tidak ada yang diimpor.",
    en: "The tablet's backup file was refused and nothing was imported.",
  },
  "edition-not-closed": {
    id: "Edisi baru bisa diumumkan setelah ditutup. Tutup penilaian dulu, lalu umumkan.",
    en: "An edition can be published only once it is closed. Close the scoring first, then publish.",
  },
  "read-link-invalid": {
    id: "Tautan ini tidak dikenal atau sudah dicabut. Minta tautan baru kepada koordinator.",
    en: "This link is unknown or has been revoked. Ask the coordinator for a new link.",
  },
  "not-published": {
    id: "Hasil edisi ini belum diumumkan. Coba lagi setelah koordinator mengumumkannya.",
    en: "The results of this edition have not been published yet. Try again once the coordinator publishes them.",
  },
  "payload-too-large": {
    id: "Kiriman terlalu besar. Kirim dalam beberapa bagian.",
    en: "The request is too large. Send it in smaller parts.",
  },
  "batch-too-large": {
    id: "Terlalu banyak perubahan dalam satu kiriman. Kirim dalam beberapa bagian.",
    en: "Too many changes in one request. Send them in smaller batches.",
  },
  "unsupported-media-type": { id: "Data harus dikirim sebagai JSON.", en: "Data must be sent as JSON." },
  "rate-limited": {
    id: "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.",
    en: "Too many requests. Wait a moment and try again.",
  },
  internal: {
    id: "Terjadi kesalahan di server. Data di perangkat tetap aman; coba lagi nanti.",
    en: "Something went wrong on the server. Data on the device is safe; try again later.",
  },
};

const REJECT_WORDS: Record<RejectReason, Words> = {
  "wrong-device": {
    id: "Perubahan ini berasal dari perangkat lain.",
    en: "This change comes from a different device.",
  },
  "wrong-edition": {
    id: "Perubahan ini untuk edisi penilaian lain.",
    en: "This change is for a different assessment edition.",
  },
  "not-own-record": {
    id: "Anda hanya dapat mengubah penilaian Anda sendiri.",
    en: "You can change only your own assessment.",
  },
  "role-cannot-write": {
    id: "Peran Anda tidak memberi nilai.",
    en: "Your role does not score.",
  },
  "unknown-participant": {
    id: "Kabupaten/kota ini tidak terdaftar dalam edisi.",
    en: "This district is not in the edition.",
  },
  "unknown-member": {
    id: "Anggota panel ini tidak terdaftar dalam edisi.",
    en: "This panel member is not in the edition.",
  },
  "unknown-indicator": {
    id: "Indikator ini tidak ada dalam rubrik.",
    en: "This indicator is not in the rubric.",
  },
  "not-assigned": {
    id: "Anda tidak ditugaskan menilai komponen ini untuk kabupaten/kota ini.",
    en: "You are not assigned to score this component for this district.",
  },
  "sheet-finalised": {
    id: "Lembar penilaian ini sudah final. Minta koordinator membukanya kembali.",
    en: "This assessment sheet is final. Ask the coordinator to reopen it.",
  },
  "invalid-grade": {
    id: "Nilai ini tidak sesuai dengan rubrik.",
    en: "This grade does not fit the rubric.",
  },
  "rubric-version-ahead": {
    id: "Perubahan dibuat dengan versi rubrik yang belum dikenal server.",
    en: "The change was made against a rubric version the server does not know.",
  },
  "rubric-version-unknown": {
    id: "Perubahan dibuat dengan versi rubrik yang tidak pernah ada di edisi ini.",
    en: "The change names a rubric version this edition never had.",
  },
  "observer-participant": {
    id: "Peserta peninjau tidak dapat dinominasikan.",
    en: "An observer participant cannot be nominated.",
  },
  "edition-not-open": {
    id: "Edisi tidak sedang dibuka, jadi nilai tidak dapat diubah. Hubungi koordinator.",
    en: "The edition is not open, so scores cannot change. Contact the coordinator.",
  },
};

const REVOKED_WORDS: Record<RevokeReason, Words> = {
  revoked: {
    id: "Koordinator mencabut akses tablet ini. Perubahan yang belum terkirim tetap aman di tablet; minta kode gabung baru.",
    en: "The coordinator revoked this tablet's access. Unsent changes stay safe on the tablet; ask for a new join code.",
  },
  "member-removed": {
    id: "Anggota panel tablet ini dihapus dari edisi, jadi aksesnya dicabut. Perubahan yang belum terkirim tetap aman di tablet; hubungi koordinator.",
    en: "This tablet's panel member was removed from the edition, so its access was revoked. Unsent changes stay safe on the tablet; contact the coordinator.",
  },
  "assignment-removed": {
    id: "Anggota panel tablet ini tidak lagi punya penugasan, jadi aksesnya dicabut. Perubahan yang belum terkirim tetap aman di tablet; hubungi koordinator.",
    en: "This tablet's panel member no longer has any assignment, so its access was revoked. Unsent changes stay safe on the tablet; contact the coordinator.",
  },
};

export const errorMessage = (code: ErrorCode, locale: Locale, details?: unknown): string => {
  const reason = (details as { reason?: unknown } | undefined)?.reason;
  if (code === "device-revoked" && typeof reason === "string" && reason in REVOKED_WORDS)
    return REVOKED_WORDS[reason as RevokeReason][locale];
  // A refused file says why (`reasonText`, worded by the route in the request's language).
  const reasonText = (details as { reasonText?: unknown } | undefined)?.reasonText;
  if ((code === "backup-invalid" || code === "rescue-file-invalid") && typeof reasonText === "string")
    return `${ERROR_WORDS[code][locale]} ${reasonText}`;
  return ERROR_WORDS[code][locale];
};

export const rejectMessage = (reason: RejectReason, locale: Locale): string => REJECT_WORDS[reason][locale];

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, details?: unknown, headers: Record<string, string> = {}) {
    super(code);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const errorBody = (code: ErrorCode, locale: Locale, details?: unknown): ErrorBody => ({
  error:
    details === undefined
      ? { code, message: errorMessage(code, locale) }
      : { code, message: errorMessage(code, locale, details), details },
});
