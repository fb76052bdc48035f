// What the API accepts in a reason (ReasonInput on the server): 1–10,000 characters of text and up to 20 tags.
export const maxTextLength = 10_000;
export const maxTags = 20;
