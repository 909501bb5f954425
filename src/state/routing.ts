/* Hash routes keep every screen reachable from the precached index.html while offline. */
const TABS = ["progress", "board", "results", "feedback", "documents", "setup", "schedule", "join", "audit"] as const;

export type CoordinatorTab = (typeof TABS)[number];

export type Route =
  | { name: "start" }
  | { name: "join"; code: string }
  | { name: "score"; participantId: string }
  | { name: "coordinator"; editionId: string | null; tab: CoordinatorTab; participantId: string | null }
  | { name: "setup"; token: string }
  /** A read-only link to the latest publication: no sign-in. */
  | { name: "published"; token: string }
  | { name: "not-found" };

export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, "").replace(/^\/+/, "");
  const [first, second, third, fourth] = path.split("/").map((part) => decodeURIComponent(part));
  if (!first) return { name: "start" };
  if (first === "join" && second) return { name: "join", code: second };
  if (first === "score" && second) return { name: "score", participantId: second };
  if (first === "setup" && second) return { name: "setup", token: second };
  if (first === "published" && second) return { name: "published", token: second };
  if (first === "coordinator") {
    const tab = TABS.find((t) => t === third) ?? "progress";
    return { name: "coordinator", editionId: second || null, tab, participantId: fourth || null };
  }
  return { name: "not-found" };
};

export const routeHash = (route: Route): string => {
  const e = encodeURIComponent;
  switch (route.name) {
    case "join":
      return `#/join/${e(route.code)}`;
    case "score":
      return `#/score/${e(route.participantId)}`;
    case "setup":
      return `#/setup/${e(route.token)}`;
    case "published":
      return `#/published/${e(route.token)}`;
    case "coordinator":
      if (!route.editionId) return "#/coordinator";
      return `#/coordinator/${e(route.editionId)}/${route.tab}${route.participantId ? `/${e(route.participantId)}` : ""}`;
    default:
      return "#/";
  }
};
