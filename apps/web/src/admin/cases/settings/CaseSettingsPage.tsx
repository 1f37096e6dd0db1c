import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Space, Tabs } from 'antd';
import { t } from '../../../lib/i18n';
import { OrgPicker } from '../../components/OrgPicker';
import { PageContainer } from '../../components/PageContainer';
import { useCurrentRole } from '../../layout/currentRole';
import { CalendarTab } from './CalendarTab';
import { CategoriesTab } from './CategoriesTab';
import { IntakeTab } from './IntakeTab';
import { RulesTab } from './RulesTab';
import { TeamsTab } from './TeamsTab';
import { TypesTab } from './TypesTab';
import '../../members/members.css';
import '../cases.css';

const s = t.admin.cases.settings;
const TABS = ['types', 'categories', 'teams', 'rules', 'intake', 'calendar'] as const;
type Tab = (typeof TABS)[number];
/** tabs whose data belongs to one org (the others are platform-wide) */
const ORG_TABS = new Set<Tab>(['teams', 'rules', 'intake']);

/** /admin/cases/settings — 工单设置 (case.configure). */
export default function CaseSettingsPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'types';
  const current = useCurrentRole();
  const [orgPick, setOrgPick] = useState<string | undefined>(undefined);
  const orgId = orgPick ?? current?.orgId;

  return (
    <PageContainer title={s.title} subtitle={s.subtitle}>
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'types' ? {} : { tab: k }, { replace: true })}
          tabBarExtraContent={
            ORG_TABS.has(tab) && (
              <Space.Compact>
                <Space.Addon>{s.org}</Space.Addon>
                <OrgPicker
                  value={orgId}
                  onChange={setOrgPick}
                  allowClear={false}
                  initial={current ? { id: current.orgId, name: current.orgName } : null}
                  style={{ width: 280 }}
                />
              </Space.Compact>
            )
          }
          items={TABS.map((k) => ({ key: k, label: s.tabs[k] }))}
        />
        {tab === 'types' && <TypesTab />}
        {tab === 'categories' && <CategoriesTab />}
        {tab === 'teams' && <TeamsTab orgId={orgId} />}
        {tab === 'rules' && <RulesTab orgId={orgId} />}
        {tab === 'intake' && <IntakeTab orgId={orgId} />}
        {tab === 'calendar' && <CalendarTab />}
      </Card>
    </PageContainer>
  );
}
