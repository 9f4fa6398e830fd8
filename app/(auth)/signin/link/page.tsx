import { LinkSignIn } from './LinkSignIn';

export const metadata = { title: 'الدخول برابط لمرة واحدة', robots: { index: false } };

// Where a one-time sign-in link an admin issued leads (lib/auth/sign-in-links.ts). The token is
// in the address's fragment, which the browser never sends: this page reads it and signs in only
// when the member presses the button, so a link preview or a mail scanner that opens the address
// does not spend it.
export default function LinkSignInPage() {
  return (
    <main className="container" style={{ maxInlineSize: '28rem' }}>
      <h1>الدخول برابط لمرة واحدة</h1>
      <LinkSignIn />
    </main>
  );
}
