/**
 * What a new password must be (issue #13: "        " and "12345678" were accepted): at least 8
 * characters, not one character repeated, not a common password (a short list of the passwords
 * most often found in leaked lists, Chinese and international, shipped here), not the username.
 * Usernames are compared as people read them: NFKC, case-folded, and with look-alike letters
 * (Cyrillic "а", Greek "ο", digit "0") mapped to one skeleton, so "Admin", "аdmin" and
 * "admin\u200b" are the same name.
 */

export const PASSWORD_MIN_LENGTH = 8;

/** Common passwords (lower case); a password equal to one, ignoring case, is refused. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  '88888888',
  '66666666',
  '12341234',
  '11223344',
  '12344321',
  '123123123',
  '147258369',
  '159753123',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwertyui',
  'qwerty123',
  'qwertyuiop',
  '1qaz2wsx',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'zaq12wsx',
  'qazwsxedc',
  'asdfghjk',
  'asdf1234',
  'zxcvbnm1',
  'zxcvbnm123',
  '1234qwer',
  'qwer1234',
  'abc12345',
  'abcd1234',
  'a1234567',
  'a12345678',
  'aa123456',
  'admin123',
  'admin888',
  'admin1234',
  'administrator',
  'root1234',
  'iloveyou',
  'iloveyou1',
  'woaini1314',
  'woaini520',
  '5201314520',
  '13145200',
  'letmein1',
  'welcome1',
  'welcome123',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno1',
  'starwars',
  'whatever',
  'dragon123',
  'monkey123',
  'computer',
  'internet',
  'changeme',
  'default1',
  'test1234',
  'testtest',
  'guest123',
  'user1234',
  'jixiao123',
  'jixiao2023',
  'jixiao2024',
  'caizheng',
  'caizheng123',
  'yusuan123',
  'zhongguo',
  'china123',
  'beijing1',
  'shanghai',
  'huawei123',
  'xiaomi123',
  'baidu123',
  'q1w2e3r4',
  'q1w2e3r4t5',
  '1a2b3c4d',
  'aaaaaaaa1',
  'abcdefgh',
  'abcdefg1',
  '01234567',
  '98765432',
  '123qweasd',
  'qweasdzxc',
  'asd123456',
  'zxc123456',
  'qq123456',
  'wang1234',
  'li123456',
  'zhang123',
  'liu12345',
  'chen1234',
]);

/** Why `password` is refused, in Chinese, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (new Set(chars).size === 1) return '密码不能是同一个字符的重复';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return '密码过于常见，请换一个不易猜到的密码';
  if (username && password.normalize('NFKC').toLowerCase() === normaliseUsername(username))
    return '密码不能与用户名相同';
  return undefined;
}

/** Invisible format characters (zero-width space/joiners, BOM, bidi marks). */
const FORMAT_CHARS = /\p{Cf}/gu;

/** A username as stored and compared: NFKC, case-folded, without invisible characters. */
export function normaliseUsername(name: string): string {
  return name.normalize('NFKC').replace(FORMAT_CHARS, '').toLowerCase().trim();
}

/** True when the name holds invisible characters (refused outright). */
export const hasInvisible = (name: string): boolean => /\p{Cf}/u.test(name);

/** Look-alikes of Latin letters (Unicode confusables, the common Cyrillic/Greek/digit ones). */
const LOOK_ALIKE: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ı: 'i',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  '0': 'o',
  '1': 'l',
  '|': 'l',
  '5': 's',
  $: 's',
  '@': 'a',
};

/** The skeleton two names are compared by: normalised, look-alikes mapped, "rn" read as "m". */
export function usernameSkeleton(name: string): string {
  return [...normaliseUsername(name)]
    .map((c) => LOOK_ALIKE[c] ?? c)
    .join('')
    .replace(/i/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/[-_.]/g, '');
}
