import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { NavBar } from 'antd-mobile';
import './subpage.css';

/**
 * A full-screen member page entered from the home grid: a navigation bar with 返回 and no tab bar.
 * Opened straight from a link (no history inside the app), 返回 goes home instead of leaving the site.
 */
export function SubPage({ title, right, children, testId }: { title: ReactNode; right?: ReactNode; children: ReactNode; testId?: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  // the SPA keeps the scroll offset of the page we came from (often the bottom of a long form)
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/', { replace: true });
  };
  return (
    <div className="gh-m-sub" data-testid={testId}>
      <div className="gh-m-sub-nav">
        <NavBar onBack={back} right={right} backIcon>
          {title}
        </NavBar>
      </div>
      <div className="gh-m-sub-body">{children}</div>
    </div>
  );
}
