// Passwords that appear at the top of every breach list; refused whatever their length.
export const commonPasswords: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '123123123', '11111111', '00000000', '88888888',
  '87654321', '11223344', '12341234', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'qwertyui', 'qwertyuiop',
  'qwerty123', 'qwerty12', 'asdfghjk', 'asdfghjkl', 'zxcvbnm1', 'password', 'password1', 'password12',
  'password123', 'password!', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'iloveyou', 'iloveyou1', 'sunshine',
  'princess', 'football', 'baseball', 'whatever', 'trustno1', 'superman', 'starwars', 'letmein1',
  'welcome1', 'welcome123', 'changeme', 'changeme1', 'computer', 'internet', 'michelle', 'jennifer',
  'jordan23', 'liverpool', 'chocolate', 'abcd1234', 'abc12345', 'abcdefgh', 'a1b2c3d4', 'aa123456',
  'admin123', 'administrator', 'qazwsxedc', 'monkey123', 'dragon123', 'master123', 'baclofen',
  'lioresal', 'taperline', 'taperline1', 'hospital', 'patient1', 'doctor123', 'nurse123', 'zaq12wsx',
  'q1w2e3r4', 'q1w2e3r4t5', 'passwort', 'motdepasse', 'contraseña', '987654321', '123qweasd',
]);
