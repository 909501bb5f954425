/*
 * The Indonesian catalogue is the source of truth: every key the UI shows
 * exists here first, and the English catalogue is type-checked against it.
 * Placeholders are written {name} and filled by `format`.
 */
export const messagesId = {
  "app.title": "Panelis",
  "app.subtitle": "Penilaian Kinerja 8 Aksi Konvergensi",
  "app.skipToContent": "Langsung ke isi",
  "app.loading": "Memuat…",
  "app.sampleNotice": "Data contoh: nama panelis, nilai, dan teks indikator selain 1.1 adalah buatan.",

  "lang.label": "Bahasa",
  "lang.id": "Bahasa Indonesia",
  "lang.en": "English",
  "lang.idShort": "ID",
  "lang.enShort": "EN",

  "nav.home": "Beranda",
  "nav.back": "Kembali ke daftar",

  "sync.online": "Daring",
  "sync.offline": "Luring",
  "sync.waiting": "{count} perubahan menunggu dikirim",
  "sync.allSent": "Semua perubahan terkirim",
  "sync.lastSync": "Sinkron terakhir {time}",
  "sync.never": "Belum pernah sinkron",
  "sync.now": "Sinkronkan sekarang",
  "sync.running": "Menyinkronkan…",
  "sync.statusLabel": "Status sinkronisasi",

  "start.heading": "Penilaian saya",
  "start.noEditions": "Belum ada penilaian di perangkat ini.",
  "start.joinHeading": "Gabung dengan kode",
  "start.joinHelp": "Masukkan kode gabung dari sekretariat Bappeda. Kode hanya perlu dipakai sekali, saat daring.",
  "start.joinCode": "Kode gabung",
  "start.deviceName": "Nama tablet ini (boleh dikosongkan)",
  "start.deviceNameHint":
    'Nama yang dilihat sekretariat, mis. "Tablet Bu Baiq". Jika kosong, dipakai "Tablet" dan nama Anda.',
  "start.joinSubmit": "Gabung",
  "start.joinLinkHelp": "Kode sudah terisi dari tautan. Beri nama tablet ini bila perlu, lalu ketuk Gabung.",
  "start.joinWaiting":
    "Belum ada jaringan. Tablet akan bergabung begitu jaringan tersambung; biarkan layar ini terbuka.",
  "start.joining": "Menghubungkan…",
  "start.demoHeading": "Coba tanpa server",
  "start.demoHelp":
    "Muat edisi contoh NTB 2021 untuk latihan. Nilai latihan disimpan terpisah di perangkat ini dan tidak pernah dikirim.",
  "start.demoLoad": "Muat edisi contoh",
  "start.chooseMember": "Saya menilai sebagai",
  "start.chooseMemberHelp": "Pilih nama Anda dalam tim penilai.",
  "start.continueAs": "Lanjut",
  "start.switchMember": "Ganti penilai",
  "start.memberLocked":
    "Tablet ini didaftarkan untuk satu penilai. Untuk menilai sebagai orang lain, minta kode gabung baru kepada koordinator.",
  "start.enrolledAs": "Tablet ini milik penilai ini (kode gabung).",
  "practice.badge": "Latihan",
  "practice.notice": "Latihan: nilai di sini disimpan terpisah dan tidak pernah dikirim ke server.",
  "practice.heading": "Latihan",
  "practice.open": "Buka latihan: {title}",
  "practice.back": "Kembali ke penilaian saya",
  "start.assignments": "Daerah yang saya nilai",
  "start.progress": "{scored} dari {total} indikator",
  "start.finalised": "Final",
  "start.recused": "Mundur (konflik kepentingan)",
  "start.notStarted": "Belum dinilai",
  "start.inProgress": "Sedang dinilai",
  "start.open": "Buka {name}",
  "start.observer": "Peninjau",
  "start.presenting": "Sedang presentasi",
  "start.nextPresenter": "Berikutnya",
  "start.group": "Kelompok {group}",
  "start.editionMeta": "{province} · {year} · periode {period} · {mode}",
  "start.coordinatorLink": "Masuk sebagai koordinator",
  "start.noAssignments": "Anda belum mendapat tugas menilai di edisi ini.",

  "mode.offline": "tatap muka",
  "mode.online": "daring",
  "mode.hybrid": "hibrida",

  "role.ketua": "Ketua",
  "role.anggota": "Anggota",
  "role.technical": "Tim Teknis",
  "role.observer": "Peninjau",
  "role.coordinator": "Koordinator",

  "device.heading": "Perangkat ini",
  "device.persisted": "Penyimpanan permanen diizinkan: data tidak akan dihapus otomatis oleh peramban.",
  "device.notPersisted":
    "Peramban belum mengizinkan penyimpanan permanen. Data tetap tersimpan, tetapi bisa dihapus jika ruang penyimpanan penuh. Sinkronkan secepatnya.",
  "device.persistUnsupported": "Peramban ini tidak mendukung penyimpanan permanen.",
  "device.usage": "Terpakai {used} dari kuota {quota}",
  "device.export": "Unduh cadangan (berkas JSON)",
  "device.exportHelp":
    "Jika jaringan tidak pernah tersedia, unduh semua perubahan yang belum diterima server dan serahkan berkasnya ke sekretariat (USB atau pesan).",
  "device.exported": "Cadangan diunduh: {file}",

  "score.heading": "Penilaian {name}",
  "score.component": "Komponen",
  "score.aksi": "Aksi {number}",
  "score.aksiTabs": "Pilih aksi",
  "score.componentTabs": "Pilih komponen",
  "score.indicator": "Indikator {code}",
  "score.levels": "Nilai untuk indikator {code}",
  "score.level": "Level {letter}",
  "score.evidenceHint": "Bukti yang dicari: {hint}",
  "score.note": "Keterangan / bukti untuk {code}",
  "score.notePlaceholder": "Catat bukti yang dilihat…",
  "score.points": "Nilai {code} (0–{max})",
  "score.saved": "Tersimpan di perangkat ini",
  "score.savedAt": "Tersimpan di perangkat ini · {time}",
  "score.unsaved": "Belum disimpan",
  "score.pointsNotNumber": "Ketik angka, misalnya 72,5. Belum disimpan.",
  "score.pointsRange": "Nilai harus 0 sampai {max}. Belum disimpan.",
  "score.bands": "Panduan nilai untuk {code}",
  "score.bandCurrent": "nilai Anda di sini",
  "score.saving": "Menyimpan…",
  "score.notScored": "Belum dinilai",
  "score.undo": "Batalkan perubahan terakhir",
  "score.undone": "Perubahan dibatalkan",
  "score.nothingToUndo": "Tidak ada yang bisa dibatalkan",
  "score.progress": "{scored} dari {total} indikator dinilai",
  "score.readOnlyFinalised": "Lembar ini sudah final dan hanya bisa dibaca. Koordinator dapat membukanya kembali.",
  "score.readOnlyRecused": "Anda menyatakan konflik kepentingan untuk daerah ini. Nilai Anda tidak dihitung.",
  "score.reopened": "Dibuka kembali oleh koordinator: {reason}",
  "score.notFound": "Daerah atau penilaian tidak ditemukan di perangkat ini.",
  "score.observerNotice": "{name} hadir sebagai peninjau: dapat menerima umpan balik, tidak diperingkat.",
  "score.needsReview": "Perlu ditinjau: rubrik berubah setelah nilai ini dibuat.",

  "notes.heading": "Catatan untuk daerah",
  "notes.strengths": "Kekuatan",
  "notes.recommendations": "Rekomendasi perbaikan",
  "notes.placeholderStrengths": "Apa yang sudah baik…",
  "notes.placeholderRecommendations": "Apa yang perlu diperbaiki, langkah berikutnya…",

  "nominate.heading": "Usulan penghargaan",
  "nominate.inspiratif": "Paling inspiratif",
  "nominate.replikatif": "Paling replikatif",
  "nominate.inovatif": "Paling inovatif",
  "nominate.reason": "Alasan usulan {category}",
  "nominate.reasonPlaceholder": "Mengapa daerah ini layak…",

  "recuse.button": "Nyatakan konflik kepentingan",
  "recuse.withdraw": "Batalkan pernyataan konflik",
  "recuse.heading": "Konflik kepentingan",
  "recuse.help":
    "Jika Anda memiliki konflik kepentingan dengan daerah ini, nilai Anda dikosongkan (bukan nol) dan tidak dihitung.",
  "recuse.reason": "Alasan",
  "recuse.confirm": "Nyatakan konflik",
  "recuse.cancel": "Batal",
  "recuse.reasonRequired": "Tuliskan alasan singkat.",

  "finalise.button": "Finalkan lembar penilaian",
  "finalise.heading": "Finalkan penilaian {name}?",
  "finalise.allDone": "Semua indikator sudah dinilai.",
  "finalise.missing": "Masih kosong ({count}):",
  "finalise.missingHelp":
    "Anda tetap dapat memfinalkan; indikator kosong tidak dihitung dan komponen dianggap belum lengkap.",
  "finalise.confirm": "Ya, finalkan",
  "finalise.cancel": "Kembali menilai",
  "finalise.done": "Lembar sudah final",

  "error.storageFull":
    "Ruang penyimpanan perangkat penuh. Perubahan terakhir TIDAK tersimpan. Sinkronkan atau unduh cadangan, lalu kosongkan ruang.",
  "error.saveFailed": "Gagal menyimpan: {reason}",
  "error.joinFailed": "Gagal bergabung: {reason}",
  "error.offlineJoin": "Tidak ada jaringan. Sambungkan tablet ke jaringan, lalu ketuk Gabung lagi.",
  "error.joinRetry": "Server tidak dapat dihubungi. Periksa jaringan, lalu ketuk Gabung lagi.",
  "error.dismiss": "Tutup",

  "update.available": "Versi baru Panelis tersedia.",
  "update.apply": "Muat ulang sekarang",
  "update.later": "Nanti",
  "update.waitingForEdit": "Versi baru akan dipasang setelah Anda selesai mengisi dan sinkronisasi selesai.",

  "start.joined":
    "Tergabung sebagai {name}. Data penilaian sudah ada di perangkat ini dan bisa dipakai tanpa jaringan.",
  "start.joinLinkHeading": "Gabung ke penilaian",
  "sync.needsEnrolment":
    "Akses perangkat ini sudah tidak berlaku. Minta kode gabung baru; perubahan yang menunggu tetap tersimpan.",
  "sync.clockSkew": "Jam perangkat berbeda {minutes} menit dari server. Periksa pengaturan jam.",
  "sync.error": "Sinkronisasi gagal: {reason}",
  "syncError.network":
    "server tidak dapat dihubungi (jaringan di ruangan atau server mati). Akan dicoba lagi otomatis.",
  "syncError.timeout": "server tidak menjawab tepat waktu. Akan dicoba lagi otomatis.",
  "syncError.server-error": "server sedang bermasalah. Akan dicoba lagi otomatis.",
  "syncError.bad-response": "jawaban server tidak dapat dibaca. Akan dicoba lagi.",
  "syncError.rate-limited": "terlalu banyak permintaan. Akan dicoba lagi sebentar lagi.",
  "syncError.unauthorized": "perangkat belum atau tidak lagi terdaftar. Minta kode gabung baru.",
  "syncError.mutation-id-reused":
    "kesalahan internal (id perubahan terpakai ulang). Hubungi sekretariat; data tetap tersimpan.",
  "syncError.protocol-unsupported": "versi aplikasi terlalu lama untuk server ini. Muat ulang aplikasi.",
  "syncError.request-refused": "server menolak permintaan: {detail}",
  "syncError.join-code-invalid": "kode gabung salah. Periksa hurufnya (contoh K7P-42Q) atau minta kode baru.",
  "syncError.join-code-used": "kode gabung ini sudah dipakai di tablet lain. Minta kode baru kepada koordinator.",
  "syncError.join-code-expired":
    "kode gabung ini sudah kedaluwarsa (berlaku 7 hari). Minta kode baru kepada koordinator.",
  "syncError.device-revoked":
    "akses tablet ini dicabut koordinator. Nilai yang belum terkirim tetap di tablet; minta kode gabung baru.",
  "syncError.not-enrolled": "perangkat belum bergabung dengan penilaian mana pun.",
  "syncError.storage-full": "ruang penyimpanan perangkat penuh.",
  "syncError.storage-failed": "penyimpanan perangkat tidak dapat dibuka: {detail}",
  "changes.heading": "Perubahan dari perangkat lain",
  "changes.overwritten":
    "{participant} · {subject}: nilai Anda {previous} diganti {current} oleh perangkat {device} pada {time}.",
  "refused.heading": "Tidak diterima server",
  "refused.help":
    "Server menolak perubahan ini secara permanen. Yang Anda ketik tetap tersimpan di tablet ini dan ikut dalam file cadangan.",
  "refused.item": "{participant} · {subject}: Anda mengetik {typed} ({time}). Server sekarang menyimpan {server}.",
  "refused.marker": "Tidak diterima server — lihat alasannya",
  "refused.sheet": "catatan",
  "refused.reason.wrong-device": "Tablet ini tidak lagi terdaftar untuk penilai ini. Minta kode gabung baru.",
  "refused.reason.wrong-edition": "Perubahan ini untuk penilaian lain daripada yang terdaftar di tablet ini.",
  "refused.reason.not-own-record":
    "Perubahan ini atas nama penilai lain. Tablet hanya boleh menilai sebagai pemiliknya.",
  "refused.reason.role-cannot-write": "Peran Anda dalam tim tidak memberi nilai untuk bagian ini.",
  "refused.reason.unknown-participant": "Daerah ini tidak lagi ada dalam penilaian. Tanyakan koordinator.",
  "refused.reason.unknown-member": "Anda tidak lagi terdaftar sebagai penilai. Tanyakan koordinator.",
  "refused.reason.unknown-indicator": "Indikator ini tidak lagi ada dalam rubrik. Tanyakan koordinator.",
  "refused.reason.not-assigned": "Anda tidak (lagi) ditugaskan menilai daerah atau komponen ini. Tanyakan koordinator.",
  "refused.reason.sheet-finalised":
    "Lembar ini sudah final di server. Minta koordinator membukanya kembali, lalu isi lagi.",
  "refused.reason.invalid-grade": "Nilai ini tidak sesuai rubrik yang berlaku sekarang.",
  "refused.reason.rubric-version-ahead": "Tablet memakai rubrik yang lebih baru dari server. Tanyakan koordinator.",
  "refused.reason.rubric-version-unknown":
    "Nilai ini dibuat dengan versi rubrik yang tidak dikenal server. Tanyakan koordinator.",
  "refused.reason.observer-participant": "Daerah peninjau tidak dinilai.",
  "refused.reason.edition-not-open":
    "Penilaian belum dibuka atau sudah ditutup untuk pengisian nilai. Tanyakan koordinator.",
  "refused.reason.other": "Alasan dari server: {reason}",
  "changes.rejected": "{participant} · {subject}: perubahan Anda ({previous}) ditolak server: {reason}",
  "changes.conflict":
    "{participant} · {subject}: nilai di server ({current}) lebih baru daripada perubahan Anda ({previous}).",
  "changes.unknownDevice": "lain",
  "changes.unknownTime": "waktu tidak diketahui",
  "changes.dismiss": "Tandai sudah dibaca",
  "sync.localOnly":
    "Perangkat ini belum bergabung ke server: nilai tersimpan di perangkat saja. Gabung dengan kode untuk mengirimnya.",
  "changes.replaced":
    "{participant} · {subject}: perubahan Anda ({current}) menggantikan nilai {previous} dari perangkat {device} (pukul {time}).",
} as const;

export type PanelMessageKey = keyof typeof messagesId;

/** Plural forms beyond "other" (which is the key itself), chosen by Intl.PluralRules from `count`. */
/** English plural forms beyond "other" of a catalogue's keys (see translate.ts); Indonesian needs none. */
export type PluralForms<K extends string = PanelMessageKey> = Partial<
  Record<`${K}.${Exclude<Intl.LDMLPluralRule, "other">}`, string>
>;
