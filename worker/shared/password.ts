/** The shortest password accepted (Password in accounts.ts): the invitation page says so as one types, without loading any schema. */
export const PASSWORD_MIN = 12;
