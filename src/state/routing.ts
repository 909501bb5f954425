/* Hash routes keep every screen reachable from the precached index.html while offline. */
export type Route =
  | { name: "start" }
  | { name: "join"; code: string }
  | { name: "score"; participantId: string }
  | { name: "not-found" };

export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, "").replace(/^\/+/, "");
  const [first, second] = path.split("/").map((part) => decodeURIComponent(part));
  if (!first) return { name: "start" };
  if (first === "join" && second) return { name: "join", code: second };
  if (first === "score" && second) return { name: "score", participantId: second };
  return { name: "not-found" };
};

export const routeHash = (route: Route): string => {
  switch (route.name) {
    case "join":
      return `#/join/${encodeURIComponent(route.code)}`;
    case "score":
      return `#/score/${encodeURIComponent(route.participantId)}`;
    default:
      return "#/";
  }
};
