/** node:url's fileURLToPath in a browser, where modules have http: URLs: the URL's path. */
export const fileURLToPath = (url: string | URL): string => new URL(url).pathname;
