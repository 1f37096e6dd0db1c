import { brand } from './theme';

/** Dependency-free loading placeholder, shown while a shell's bundle downloads. */
export function PageLoading() {
  return (
    <div className="gh-page-loading" role="status" aria-label="加载中">
      <span className="gh-spinner" style={{ borderTopColor: brand.primary }} />
    </div>
  );
}
