/** An instance whose own web app can take a link: "Open in <name>'s web app". */
export interface HandoffTarget {
  /** The API origin (which instance this is). */
  origin: string;
  /** The web app's origin. */
  frontend: string;
  /** What the user knows it by: the web app's host. */
  name: string;
}
