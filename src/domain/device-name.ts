/** The tablet's name when the panelist gave none at enrolment: "Tablet" and the member's name, capped. */
export const suggestedDeviceName = (memberName: string, max: number): string =>
  `Tablet ${memberName.trim()}`.slice(0, max).trim();
