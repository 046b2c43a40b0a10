// The words of your own account page (profile, email address, password, two-factor authentication, sessions) in
// English (Chinese: account-i18n-zh.ts); wired into the app dictionaries as `account.*`.
import { twoFactorEn } from './two-factor-i18n'

export const accountEn = {
  title: 'Your account',
  intro:
    'How Keel knows you, speaks to you and shows times; your email address and password; where you are signed in.',
  nav: 'Your account',
  profile: 'Profile',
  name: 'Name',
  emailTitle: 'Email address',
  emailCurrent: 'You sign in with {{ email }}. Keel’s emails go to it.',
  newEmail: 'New email address',
  emailPassword: 'Your password',
  emailPasswordHint: 'Asked again to make sure it is you.',
  changeEmail: 'Change email address',
  emailConfirmHint:
    'Keel emails a confirmation link to the new address; the address changes when you open it.',
  emailAtOnceHint:
    'This Keel does not send email, so the address changes at once, without a confirmation link.',
  emailPending:
    'A confirmation link was sent to {{ email }}. Your address changes when you open it (within one day); until then you sign in with {{ current }}.',
  emailChanged: 'Your email address is now {{ email }}. Sign in with it from now on.',
  emailSame: 'This is already your address.',
  emailWrongPassword: 'The password is not right.',
  emailTaken: 'Another account uses this address.',
  language: 'Language',
  languageBrowser: 'As the browser ({{ language }})',
  timeZone: 'Time zone',
  timeZoneBrowser: 'As the browser ({{ zone }})',
  timeZoneHint: 'Times of comments, activity and sessions are shown in it.',
  theme: 'Theme',
  themeHint: 'Kept in this browser and applied at once; the account menu has the same choice.',
  saved: 'Saved.',
  password: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  newPasswordHint: 'At least 8 characters. Signing in elsewhere ends when it is changed.',
  repeatPassword: 'New password again',
  passwordsDiffer: 'The two new passwords differ.',
  changePassword: 'Change password',
  passwordChanged: 'Password changed. Your other sessions are signed out.',
  sessions: 'Where you are signed in',
  sessionsIntro: 'Sign out a session you do not recognise, or a browser you no longer use.',
  thisDevice: 'This browser',
  lastUsed: 'Last used {{ when }}',
  signedInAt: 'Signed in {{ when }}',
  from: 'from {{ address }}',
  signOut: 'Sign out',
  unknownBrowser: 'Unknown browser',
  twoFactor: twoFactorEn,
}
