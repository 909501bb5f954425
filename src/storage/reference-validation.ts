/*
 * Validation of an edition's reference data (edition, rubric, participants,
 * members). Loaded on demand by `putEditionBundle`, so a tablet's first screen
 * does not carry these schemas; nothing imports this module statically.
 */
import { EditionSchema, MemberSchema, ParticipantSchema, RubricSchema } from "../domain/reference-schemas.ts";

export const referenceSchemas = { EditionSchema, MemberSchema, ParticipantSchema, RubricSchema };
