/** The workspace's views, one chunk loaded after signing in (with the checker and the catalogs). */
import './jitless.js';
import type { ComponentChildren } from 'preact';
import { Link } from '../router.js';
import { useUser } from '../session.js';
import { Loading } from '../ui.js';
import { WorkspaceHome } from './home.js';
import { Editor } from './editor.js';
import { NarrativeEditor } from './narrative.js';
import { AuditPage } from './audit.js';
import { UploadPage } from './upload.js';
import { ProjectPage } from './project.js';
import { CalculatorPage } from './calculator.js';
import { ChecklistPage } from './checklist.js';

type Params = Record<string, string>;

function SignedIn({ children }: { children: ComponentChildren }) {
  const { user, known } = useUser();
  if (!known) return <Loading what="登录状态" />;
  if (!user)
    return (
      <main id="main">
        <h1>请先登录</h1>
        <p>
          工作台供编制人、审核人和财政局使用。<Link href={`/login?next=${encodeURIComponent(location.pathname)}`}>登录</Link>
        </p>
      </main>
    );
  return <>{children}</>;
}

const wrap = (View: (p: { params: Params }) => preact.JSX.Element) => (p: { params: Params }) => (
  <SignedIn>
    <View params={p.params} />
  </SignedIn>
);

export const views: Record<string, unknown> = {
  home: wrap(() => <WorkspaceHome />),
  editor: wrap(({ params }) => <Editor id={Number(params.id)} />),
  narrative: wrap(({ params }) => <NarrativeEditor id={Number(params.id)} />),
  audit: wrap(({ params }) => <AuditPage id={Number(params.id)} />),
  upload: wrap(() => <UploadPage />),
  project: wrap(({ params }) => <ProjectPage id={Number(params.id)} n={Number(params.n)} />),
  calculator: wrap(() => <CalculatorPage />),
  checklist: wrap(({ params }) => <ChecklistPage id={Number(params.id)} />),
};
