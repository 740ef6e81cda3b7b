/**
 * The first name of a person as they typed their full name: the first whitespace-separated word.
 * Used for greetings and for the therapist's notification, which carry first names only.
 */
export function firstName(fullName: string): string | undefined {
  const [first] = fullName.trim().split(/\s+/);
  return first ? first : undefined;
}
