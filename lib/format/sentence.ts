/** Words that start a sentence: their first letter upper case ("the receiver…" → "The receiver…"). */
export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
