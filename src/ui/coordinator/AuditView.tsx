import { useEffect, useMemo, useState } from "preact/hooks";
import { filterAudit, keyDetail, keyParties } from "../../domain/audit-filter.ts";
import { auditField, auditShown, isSystemActor } from "../../domain/audit-wording.ts";
import { isRefusalReason } from "../../domain/refusal-reasons.ts";
import { useCoordinator } from "../../state/coordinator.ts";
import { loadAudit, takeAuditPreset, useDay } from "../../state/edition-day.ts";
import { formatTime, type MessageKey, useApp, useT } from "../../state/index.ts";
import { SelectField, TextField } from "../components/Field.tsx";
import { AuditValue, useAuditText } from "./AuditValue.tsx";

/** A refusal reason in the coordinator's words; an unknown code (a newer server) is shown as it came. */
const refusedWords = (code: string, t: ReturnType<typeof useT>): string =>
  isRefusalReason(code) ? t(`coord.refusedReason.${code}` as MessageKey) : code;

const dayStart = (date: string): number | undefined => (date ? new Date(`${date}T00:00:00`).getTime() : undefined);
const dayEnd = (date: string): number | undefined => (date ? new Date(`${date}T23:59:59.999`).getTime() : undefined);

/** Who changed what, from which tablet, when, old → new; filtered by member, participant, tablet and day. */
export const AuditView = ({ editionId }: { editionId: string }) => {
  const t = useT();
  const text = useAuditText();
  const locale = useApp((s) => s.locale);
  const bundle = useCoordinator((s) => s.bundle);
  const devices = useCoordinator((s) => s.devices);
  const entries = useDay((s) => s.audit);
  // Opened from the board's "refused" link: start on that tablet's refused changes.
  const [preset] = useState(takeAuditPreset);
  const [memberId, setMemberId] = useState("");
  const [participantId, setParticipantId] = useState("");
  const [deviceId, setDeviceId] = useState(preset?.deviceId ?? "");
  const [refusedOnly, setRefusedOnly] = useState(preset?.refusedOnly ?? false);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  useEffect(() => {
    void loadAudit(editionId);
  }, [editionId]);
  // Newest first: on the day the coordinator opens Jejak to see what just happened, not the set-up of weeks ago.
  const newestFirst = useMemo(() => [...(entries ?? [])].sort((a, b) => b.id - a.id), [entries]);
  const rows = useMemo(
    () =>
      filterAudit(newestFirst, {
        memberId,
        participantId,
        deviceId,
        from: dayStart(from),
        to: dayEnd(to),
        refusedOnly,
      }),
    [newestFirst, memberId, participantId, deviceId, from, to, refusedOnly],
  );
  // Indicator codes by id, once per rubric rather than a search of the rubric on every row.
  const codes = useMemo(
    () => new Map(bundle?.rubric.components.flatMap((c) => c.indicators.map((i) => [i.id, i.code] as const)) ?? []),
    [bundle],
  );
  if (!bundle) return null;
  const memberName = (id: string | null) => bundle.members.find((m) => m.id === id)?.name ?? id ?? "—";
  const participantName = (id: string | null) => bundle.participants.find((p) => p.id === id)?.name ?? id ?? "—";
  const deviceName = (id: string | null) => devices.find((d) => d.id === id)?.name ?? id ?? "—";
  /** The field in words, with the indicator or award it concerns; an unknown pair as it came. */
  const fieldLabel = (table: string, field: string, key: string): string => {
    const known = auditField(table, field);
    if (!known) return `${table} · ${field}`;
    const detail = keyDetail(table, key);
    const named =
      detail === null ? "" : table === "scores" ? (codes.get(detail) ?? detail) : t(`nominate.${detail}` as MessageKey);
    return t(`setup.auditField.${known}` as MessageKey, { detail: named });
  };
  /** Changes made by the server itself (sample data, the shell), said in words; an unknown one by its id. */
  const systemActor = (id: string): string =>
    t("setup.auditSystem", {
      what: isSystemActor(id) ? t(`setup.auditSystem.${id}`) : id,
    });
  /** What a refused change carried (field → value), each field in words: "Nilai 1.1: B". */
  const refusedChanges = (table: string, key: string, changes: unknown): string =>
    changes !== null && typeof changes === "object"
      ? Object.entries(changes as Record<string, unknown>)
          .map(
            ([field, v]) =>
              `${fieldLabel(table, field, key)}: ${text(auditShown(v), auditField(table, field)) ?? JSON.stringify(v)}`,
          )
          .join("; ")
      : (text(auditShown(changes), null) ?? JSON.stringify(changes));
  return (
    <section class="panel" aria-labelledby="audit-title">
      <h3 id="audit-title">{t("setup.auditHeading")}</h3>
      <div class="field-row">
        {(
          [
            ["audit-member", t("coord.member"), memberId, setMemberId, bundle.members],
            ["audit-participant", t("coord.participant"), participantId, setParticipantId, bundle.participants],
            ["audit-device", t("setup.tablet"), deviceId, setDeviceId, devices],
          ] as const
        ).map(([id, label, value, onValue, choices]) => (
          <SelectField
            key={id}
            id={id}
            label={label}
            value={value}
            onValue={onValue}
            placeholder={t("setup.all")}
            options={choices.map((c) => [c.id, c.name] as const)}
          />
        ))}
        {(
          [
            ["audit-from", t("setup.fromDate"), from, setFrom],
            ["audit-to", t("setup.toDate"), to, setTo],
          ] as const
        ).map(([id, label, value, onValue]) => (
          <TextField
            key={id}
            id={id}
            label={label}
            class="field-narrow"
            value={value}
            onValue={onValue}
            input={{ type: "date" }}
          />
        ))}
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={refusedOnly}
          onChange={(e) => setRefusedOnly((e.currentTarget as HTMLInputElement).checked)}
        />{" "}
        {t("coord.refusedOnly")}
      </label>
      <p class="muted" role="status">
        {t("setup.auditCount", { shown: rows.length, total: entries?.length ?? 0 })}
      </p>
      {/* Wrapped, not scrolled: a scrolling box without controls could not be reached by keyboard. */}
      <div>
        <table class="matrix audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t("setup.when")}</th>
              <th scope="col">{t("setup.who")}</th>
              <th scope="col">{t("setup.tablet")}</th>
              <th scope="col">{t("coord.participant")}</th>
              <th scope="col">{t("setup.field")}</th>
              <th scope="col">{t("setup.oldNew")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const parties = keyParties(r.table, r.key);
              return (
                <tr key={r.id} class={r.refusedReason ? "audit-refused" : undefined}>
                  <td>{formatTime(locale, r.at)}</td>
                  <td>
                    {r.actorKind === "device"
                      ? memberName(r.refusedReason ? r.actorId : parties.memberId)
                      : r.actorKind === "system"
                        ? systemActor(r.actorId)
                        : r.actorId}
                  </td>
                  <td>{deviceName(r.deviceId)}</td>
                  <td>{participantName(parties.participantId)}</td>
                  <td>{fieldLabel(r.table, r.field, r.key)}</td>
                  <td>
                    {r.refusedReason ? (
                      <>
                        <span class="pill pill-refused">{t("coord.refusedPill")}</span>{" "}
                        {t("coord.refusedWhy", { reason: refusedWords(r.refusedReason, t) })}
                        <br />
                        {t("coord.refusedTyped", { changes: refusedChanges(r.table, r.key, r.new) })}
                      </>
                    ) : (
                      <>
                        <AuditValue value={r.old} field={auditField(r.table, r.field)} /> →{" "}
                        <AuditValue value={r.new} field={auditField(r.table, r.field)} />
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
};
