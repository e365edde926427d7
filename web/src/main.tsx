/** The app: header (portal navigation, search, sign-in), the view of the present URL, footer. */
import { render, type ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './styles.css';
import { DISCLOSURE_CSS } from '../../src/publish/html/style.js';
import { Link, match, navigate, useLocation } from './router.js';
import { useUser, signOut } from './session.js';
import { Home } from './pages/home.js';
import { EntityPage } from './pages/entity.js';
import { DocumentPage } from './pages/document.js';
import { ComparePage } from './pages/compare.js';
import { SearchPage } from './pages/search.js';
import { SubjectsPage, SubjectPage } from './pages/subjects.js';
import { GlossaryPage } from './pages/glossary.js';
import { LoginPage } from './pages/login.js';
import { ErrorBox, Loading, NotFoundView, useLoad } from './ui.js';

type Params = Record<string, string>;

/** The workspace is its own chunk (with the checker and the catalogs): the public never loads it. */
function Workspace({ params, view }: { params: Params; view: string }) {
  const mod = useLoad(() => import('./workspace/index.js'), []);
  if (mod.error) return <ErrorBox error={mod.error} />;
  if (!mod.data) return <Loading what="工作台" />;
  const View = mod.data.views[view] as ComponentType<{ params: Params }> | undefined;
  return View ? <View params={params} /> : <NotFound />;
}

/** The 医疗救助 calculator for everyone (no sign-in): its own small chunk, pure computation in the browser. */
function PublicCalculator() {
  const mod = useLoad(() => import('./workspace/calculator.js'), []);
  if (mod.error) return <ErrorBox error={mod.error} />;
  if (!mod.data) return <Loading what="计算器" />;
  const View = mod.data.CalculatorPage;
  return <View />;
}

/** The project list and the city's 三公经费: their own small chunks, loaded when opened. */
function LazyView({ load, what }: { load: () => Promise<ComponentType>; what: string }) {
  const mod = useLoad(load, [load]);
  if (mod.error) return <ErrorBox error={mod.error} />;
  if (!mod.data) return <Loading what={what} />;
  const View = mod.data;
  return <View />;
}
const loadProjects = () => import('./pages/projects.js').then((m) => m.ProjectsPage);
const loadThreePublic = () => import('./pages/three-public.js').then((m) => m.ThreePublicPage);

/** A record's number in an address: a whole number from 1 up (`from` 0 for a place in a list), never "abc", "1.5" or "-1". */
function idParam(s: string | undefined, from = 1): number | undefined {
  if (!s || !(from === 0 ? /^(0|[1-9]\d{0,9})$/ : /^[1-9]\d{0,9}$/).test(s)) return undefined;
  const n = Number(s);
  return n <= 2_147_483_647 ? n : undefined;
}

/** An address whose number can't be a record's: said at once, without asking the server. */
function BadAddress() {
  return (
    <main id="main">
      <NotFoundView title="地址无效" text="地址中的编号应是正整数，可能是链接被截断了。" />
    </main>
  );
}

/** The view for a route with numbered parts (:id, :n), or the invalid-address page when one is not a number. */
const withIds = (make: (p: Params) => preact.JSX.Element) => (p: Params) => {
  for (const k of ['id', 'n']) if (k in p && idParam(p[k], k === 'n' ? 0 : 1) === undefined) return <BadAddress />;
  return make(p);
};

const ROUTES: [string, (p: Params) => preact.JSX.Element][] = [
  ['/', () => <Home />],
  ['/entities/:id', withIds((p) => <EntityPage id={Number(p.id)} />)],
  ['/documents/:id', withIds((p) => <DocumentPage id={Number(p.id)} />)],
  ['/compare', () => <ComparePage />],
  ['/search', () => <SearchPage />],
  ['/subjects', () => <SubjectsPage />],
  ['/subjects/:code', (p) => (/^\d{3}(\d{2}){0,2}$/.test(p.code!) ? <SubjectPage code={p.code!} /> : <BadAddress />)],
  ['/projects', () => <LazyView load={loadProjects} what="项目" />],
  ['/three-public', () => <LazyView load={loadThreePublic} what="“三公”经费" />],
  ['/calculator', () => <PublicCalculator />],
  ['/glossary', () => <GlossaryPage />],
  ['/login', () => <LoginPage />],
  ['/workspace', (p) => <Workspace params={p} view="home" />],
  ['/workspace/upload', (p) => <Workspace params={p} view="upload" />],
  ['/workspace/calculator', (p) => <Workspace params={p} view="calculator" />],
  ['/workspace/documents/:id', withIds((p) => <Workspace params={p} view="editor" />)],
  ['/workspace/documents/:id/narrative', withIds((p) => <Workspace params={p} view="narrative" />)],
  ['/workspace/documents/:id/audit', withIds((p) => <Workspace params={p} view="audit" />)],
  ['/workspace/documents/:id/projects/:n', withIds((p) => <Workspace params={p} view="project" />)],
];

function NotFound() {
  return (
    <main id="main">
      <NotFoundView title="没有这个页面" text="这个地址不是本站的页面。" />
    </main>
  );
}


function SearchBox() {
  const loc = useLocation();
  const [text, setText] = useState(loc.path === '/search' ? loc.query.get('q') ?? '' : '');
  return (
    <form
      class="header-search"
      role="search"
      aria-label="站内搜索"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
      }}
    >
      <label class="sr-only" for="header-q">
        搜索单位、科目或说明文字
      </label>
      <input id="header-q" type="search" placeholder="搜索单位、科目、文字" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <button type="submit">搜索</button>
    </form>
  );
}

function Header() {
  const { user } = useUser();
  return (
    <header class="site">
      <a class="skip" href="#main">
        跳到正文
      </a>
      <div class="bar">
        <Link href="/" class="brand">
          部门预算公开
        </Link>
        <nav aria-label="主导航">
          <Link href="/">首页</Link>
          <Link href="/subjects">按科目</Link>
          <Link href="/compare">比较</Link>
          <Link href="/projects">项目</Link>
          <Link href="/three-public">“三公”经费</Link>
          <Link href="/calculator">医疗救助计算器</Link>
          <Link href="/glossary">名词解释</Link>
          {user ? <Link href="/workspace">工作台</Link> : null}
        </nav>
        <SearchBox />
        <div class="account">
          {user ? (
            <>
              <span class="who">{user.displayName}</span>
              <button type="button" class="link" onClick={() => void signOut().then(() => navigate('/'))}>
                退出
              </button>
            </>
          ) : (
            <Link href="/login">登录</Link>
          )}
        </div>
      </div>
    </header>
  );
}

/** After a change of view, reading starts at its heading (screen readers and keyboard), as after a page load. */
function useFocusOnNavigate(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) return void (first.current = false);
    const t = setTimeout(() => {
      // A view that already took the reader to its target (a cell, a section of a document) keeps it.
      const active = document.activeElement as HTMLElement | null;
      if (active && active.getAttribute('tabindex') === '-1' && document.getElementById('main')?.contains(active)) return;
      // A link to a place on the page (/glossary#basic): there; else the view's heading.
      const anchor = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      if (anchor) anchor.scrollIntoView();
      const h = anchor ?? document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
      if (!h) return;
      h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(t);
  }, [path]);
}

function App() {
  const loc = useLocation();
  useFocusOnNavigate(loc.path);
  let view: preact.JSX.Element | undefined;
  for (const [pattern, make] of ROUTES) {
    const params = match(pattern, loc.path);
    if (params) {
      view = make(params);
      break;
    }
  }
  return (
    <>
      <Header />
      {view ?? <NotFound />}
      <footer class="site">数据来自各单位公开的部门预算；金额以“分”为单位精确保存，万元按四舍五入保留两位小数。</footer>
    </>
  );
}

// The disclosure's own stylesheet, shared with the published page; first, so the app's rules refine it.
const disclosureStyle = document.createElement('style');
disclosureStyle.textContent = DISCLOSURE_CSS;
document.head.prepend(disclosureStyle);

render(<App />, document.getElementById('app')!);
