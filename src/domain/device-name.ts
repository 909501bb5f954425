/** The longest tablet name the server keeps; the enrol form caps its field to the same. */
export const MAX_DEVICE_NAME = 60;

/** The tablet's name when the panelist gave none at enrolment: "Tablet" and the member's name, capped. */
export const suggestedDeviceName = (memberName: string, max = MAX_DEVICE_NAME): string =>
  `Tablet ${memberName.trim()}`.slice(0, max).trim();
