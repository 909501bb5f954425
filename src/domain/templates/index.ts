export {
  AKSI_NAMES,
  ALL_AKSI,
  bandsNotice,
  DOCUMENT_REVIEW_ID,
  documentReviewComponent,
  eightAksiRubricTemplate,
  indicatorId,
  PAMERAN_ID,
  PAPARAN_ID,
  pameranComponent,
  paparanComponent,
  type RubricTemplateOptions,
  sampleBands,
  sampleNotice,
} from "./eight-aksi.ts";
export {
  type EditionBundle,
  maluku2020Sample,
  NTB_2021_RECUSAL_REASON,
  ntb2021Sample,
  sampleDataNotice,
} from "./sample-data.ts";
