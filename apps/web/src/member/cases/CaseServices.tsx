import { useNavigate } from 'react-router-dom';
import { Badge } from 'antd-mobile';
import {
  AuditOutlined,
  CommentOutlined,
  EditOutlined,
  FireOutlined,
  MoneyCollectOutlined,
  SafetyOutlined,
  SmileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { CaseType } from '@gonghui/contracts';
import { useCaseMeta, useMyCases } from './api';

type Entry = { key: string; label: string; to: string; icon: ReactNode; color: string; type?: CaseType };
const ENTRIES: Entry[] = [
  { key: 'appeal', label: '我要诉求', to: '/cases/new?type=appeal', icon: <EditOutlined />, color: '#c8102e', type: 'appeal' },
  { key: 'mine', label: '我的诉求', to: '/cases', icon: <CommentOutlined />, color: '#1677ff' },
  { key: 'square', label: '诉求广场', to: '/cases/square', icon: <FireOutlined />, color: '#fa541c' },
  { key: 'legal_aid', label: '法律援助', to: '/cases/new?type=legal_aid', icon: <SafetyOutlined />, color: '#722ed1', type: 'legal_aid' },
  { key: 'counselling', label: '心理咨询', to: '/cases/new?type=counselling', icon: <SmileOutlined />, color: '#13c2c2', type: 'counselling' },
  { key: 'wage_arrears', label: '欠薪求助', to: '/cases/new?type=wage_arrears', icon: <MoneyCollectOutlined />, color: '#d46b08', type: 'wage_arrears' },
  { key: 'legal_consult', label: '法律咨询', to: '/cases/new?type=legal_consult', icon: <AuditOutlined />, color: '#2f54eb', type: 'legal_consult' },
  { key: 'mediation', label: '争议调解', to: '/cases/new?type=mediation', icon: <TeamOutlined />, color: '#389e0d', type: 'mediation' },
];

/** Home grid section 维权服务: file an appeal (or legal aid, counselling …), follow mine, the public square. */
export function CaseServices() {
  const navigate = useNavigate();
  const meta = useCaseMeta();
  const mine = useMyCases();
  const enabled = new Set(meta.data?.types.filter((m) => m.enabled).map((m) => m.type));
  // types switched off by the union disappear once we know
  const entries = ENTRIES.filter((e) => !e.type || !meta.data || enabled.has(e.type));
  // resolved and waiting for my rating (first page is enough for a badge)
  const toRate = mine.data?.pages[0]?.items.filter((c) => c.status === 'resolved').length ?? 0;
  return (
    <section className="gh-m-section gh-m-case-home" data-testid="home-cases">
      <div className="gh-m-section-title">维权服务</div>
      <div className="gh-m-grid gh-m-grid-4">
        {entries.map((e) => (
          <button key={e.key} type="button" className="gh-m-entry" onClick={() => navigate(e.to)} data-testid={`entry-case-${e.key}`}>
            <Badge content={e.key === 'mine' && toRate > 0 ? toRate : null} style={{ '--right': '2px', '--top': '2px' }}>
              <span className="gh-m-entry-icon" style={{ color: e.color, background: `${e.color}14` }}>
                {e.icon}
              </span>
            </Badge>
            <span className="gh-m-entry-label">{e.label}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
