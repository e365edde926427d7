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
import { LoginPage } from './pages/login.js';
import { ErrorBox, Loading, useLoad } from './ui.js';

type Params = Record<string, string>;

/** The workspace is its own chunk (with the checker and the catalogs): the public never loads it. */
function Workspace({ params, view }: { params: Params; view: string }) {
  const mod = useLoad(() => import('./workspace/index.js'), []);
  if (mod.error) return <ErrorBox error={mod.error} />;
  if (!mod.data) return <Loading what="工作台" />;
  const View = mod.data.views[view] as ComponentType<{ params: Params }> | undefined;
  return View ? <View params={params} /> : <NotFound />;
}

const ROUTES: [string, (p: Params) => preact.JSX.Element][] = [
  ['/', () => <Home />],
  ['/entities/:id', (p) => <EntityPage id={Number(p.id)} />],
  ['/documents/:id', (p) => <DocumentPage id={Number(p.id)} />],
  ['/compare', () => <ComparePage />],
  ['/search', () => <SearchPage />],
  ['/subjects', () => <SubjectsPage />],
  ['/subjects/:code', (p) => <SubjectPage code={p.code!} />],
  ['/login', () => <LoginPage />],
  ['/workspace', (p) => <Workspace params={p} view="home" />],
  ['/workspace/upload', (p) => <Workspace params={p} view="upload" />],
  ['/workspace/calculator', (p) => <Workspace params={p} view="calculator" />],
  ['/workspace/documents/:id', (p) => <Workspace params={p} view="editor" />],
  ['/workspace/documents/:id/narrative', (p) => <Workspace params={p} view="narrative" />],
  ['/workspace/documents/:id/audit', (p) => <Workspace params={p} view="audit" />],
  ['/workspace/documents/:id/projects/:n', (p) => <Workspace params={p} view="project" />],
];

function NotFound() {
  return (
    <main id="main">
      <h1>没有这个页面</h1>
      <p>
        请检查地址，或回到<Link href="/">首页</Link>。
      </p>
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
      const h = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
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
