import type { ReactNode } from 'react';

/** Title row of every console page (ProLayout's PageContainer, without the dependency). */
export function PageContainer({
  title,
  subtitle,
  extra,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div>
      <div className="gh-page-header">
        <div>
          <h1 className="gh-page-title">{title}</h1>
          {subtitle && <div className="gh-page-subtitle">{subtitle}</div>}
        </div>
        {extra && <div>{extra}</div>}
      </div>
      {children}
    </div>
  );
}
