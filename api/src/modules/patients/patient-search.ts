/**
 * The ids of the patients one search word matches, as SQL: anywhere in the name and phone or in the
 * account's e-mail, each through its own trigram index (an OR across the join would scan every
 * patient). `nameLike` and `emailLike` are placeholders of the same `%word%` pattern (a word from
 * `searchTerms`, so without LIKE's wildcards).
 */
export function patientsMatching(nameLike: string, emailLike: string): string {
  return `(select n.id from patient n where n.search_text like ${nameLike}
           union
           select e.id from patient e join app_user eu on eu.id = e.user_id where eu.email like ${emailLike})`;
}
