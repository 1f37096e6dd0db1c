import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Flex, Form, Progress, Result, Row, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { ROSTER_IMPORT_STATUS_LABELS, type RosterImport, type RosterImportStatus } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { fmtDateTime, fmtInt } from '../../lib/format';
import { brand } from '../../lib/theme';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { useCurrentRole } from '../layout/currentRole';
import { downloadFile, rosterKeys, uploadRoster, useRosterImport, useRosterImports } from './api';
import { R } from './strings';

const STATUS_COLOR: Record<RosterImportStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
const ACCEPT = '.xlsx,.csv';

type Step = 0 | 1 | 2 | 3;

/** 名册导入: template → organisation + file → progress → result, and the past imports below. */
export default function RosterImportPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const current = useCurrentRole();
  const [step, setStep] = useState<Step>(0);
  const [orgId, setOrgId] = useState<string | undefined>(current?.orgId);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const imp = useRosterImport(importId);
  const history = useRosterImports();
  const finished = imp.data && (imp.data.status === 'done' || imp.data.status === 'failed');
  const shownStep: Step = step === 2 && finished ? 3 : step;

  const start = async () => {
    if (!orgId) return setFormError(R.upload.pickOrg);
    if (!file) return setFormError(R.upload.pickFile);
    setFormError(null);
    setUploading(0);
    try {
      const created = await uploadRoster(orgId, file, setUploading);
      if (created.deduplicated) message.info(R.upload.deduplicated);
      qc.setQueryData(rosterKeys.import(created.import.id), created.import);
      void qc.invalidateQueries({ queryKey: rosterKeys.imports });
      setImportId(created.import.id);
      setStep(2);
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setUploading(null);
    }
  };

  const open = (r: RosterImport) => {
    qc.setQueryData(rosterKeys.import(r.id), r);
    setImportId(r.id);
    setStep(2);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const reset = () => {
    setImportId(null);
    setFile(null);
    setStep(1);
  };

  const report = async (r: RosterImport) => {
    try {
      await downloadFile(`/api/roster/imports/${encodeURIComponent(r.id)}/errors`, '错误报告.xlsx');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const template = async () => {
    try {
      await downloadFile('/api/roster/template', '会员名册导入模板.xlsx');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <PageContainer title={R.title} subtitle={R.subtitle}>
      <Card variant="borderless">
        <Steps
          current={shownStep}
          style={{ marginBottom: 32 }}
          items={[{ title: R.steps.template }, { title: R.steps.upload }, { title: R.steps.progress }, { title: R.steps.result }]}
        />

        {shownStep === 0 && (
          <div style={{ maxWidth: 720 }}>
            <Typography.Paragraph>{R.template.lead}</Typography.Paragraph>
            <ul style={{ paddingLeft: 20, color: '#595959' }}>
              {R.template.rules.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" icon={<DownloadOutlined />} onClick={() => void template()} data-testid="roster-template">
                {R.template.download}
              </Button>
              <Button onClick={() => setStep(1)}>{R.template.next}</Button>
            </Space>
          </div>
        )}

        {shownStep === 1 && (
          <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={() => void start()}>
            <Form.Item label={R.upload.org} extra={R.upload.orgHint} required>
              <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} style={{ width: '100%' }} id="roster-org" />
            </Form.Item>
            <Form.Item label={R.upload.file} required>
              <Upload.Dragger
                accept={ACCEPT}
                maxCount={1}
                fileList={file ? [{ uid: 'f', name: file.name, size: file.size, status: 'done' }] : []}
                beforeUpload={(f) => {
                  if (!/\.(xlsx|csv)$/i.test(f.name)) {
                    message.error(R.upload.badType);
                    return Upload.LIST_IGNORE;
                  }
                  setFile(f);
                  setFormError(null);
                  return false;
                }}
                onRemove={() => setFile(null)}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined style={{ color: brand.primary }} />
                </p>
                <p className="ant-upload-text">{R.upload.drag}</p>
                <p className="ant-upload-hint">{R.upload.dragHint}</p>
              </Upload.Dragger>
            </Form.Item>
            {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="roster-upload-error" />}
            {uploading !== null && <Progress percent={uploading} status="active" format={(p) => R.upload.uploading(p ?? 0)} style={{ marginBottom: 16 }} />}
            <Space>
              <Button onClick={() => setStep(0)}>{R.upload.back}</Button>
              <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined />} loading={uploading !== null} data-testid="roster-start">
                {R.upload.start}
              </Button>
            </Space>
          </Form>
        )}

        {shownStep === 2 && imp.data && <ProgressPanel imp={imp.data} />}
        {shownStep === 3 && imp.data && <ResultPanel imp={imp.data} onReport={() => void report(imp.data!)} onAgain={reset} />}
      </Card>

      <Card
        variant="borderless"
        title={R.history.title}
        style={{ marginTop: 16 }}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void history.refetch()} />}
      >
        <Table<RosterImport>
          rowKey="id"
          dataSource={rows}
          loading={history.isPending}
          pagination={false}
          locale={{ emptyText: R.history.empty }}
          columns={[
            {
              title: R.history.file,
              dataIndex: 'fileName',
              render: (v: string, r) => (
                <Space>
                  <FileExcelOutlined style={{ color: '#389e0d' }} />
                  <span>{v}</span>
                  <Typography.Text type="secondary">{r.fileType.toUpperCase()}</Typography.Text>
                </Space>
              ),
            },
            { title: R.history.org, dataIndex: 'orgName' },
            {
              title: R.history.status,
              dataIndex: 'status',
              width: 100,
              render: (s: RosterImportStatus, r) => (
                <Tag color={STATUS_COLOR[s]}>{s === 'running' ? `${ROSTER_IMPORT_STATUS_LABELS[s]} ${r.percent}%` : ROSTER_IMPORT_STATUS_LABELS[s]}</Tag>
              ),
            },
            {
              title: R.history.result,
              render: (_, r) =>
                r.status === 'failed' ? <Typography.Text type="danger">{r.failure}</Typography.Text> : R.history.summary(r.imported, r.unchanged, r.conflicts, r.errors),
            },
            { title: R.history.by, dataIndex: 'createdByName', width: 110 },
            { title: R.history.at, dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
            {
              title: R.history.actions,
              width: 170,
              render: (_, r) => (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => open(r)}>
                    {R.history.view}
                  </Button>
                  {r.status !== 'queued' && r.status !== 'running' && r.errors + r.conflicts > 0 && (
                    <Button type="link" size="small" onClick={() => void report(r)}>
                      {R.result.report}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
        {history.hasNextPage && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
              {R.history.more}
            </Button>
          </Flex>
        )}
      </Card>
    </PageContainer>
  );
}

function ProgressPanel({ imp }: { imp: RosterImport }) {
  return (
    <div style={{ maxWidth: 720 }} data-testid="roster-progress">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {imp.fileName} → {imp.orgName}
      </Typography.Title>
      <Progress percent={imp.percent} status="active" strokeColor={brand.primary} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {imp.status === 'queued' ? R.progress.queued : R.progress.running(fmtInt(imp.processedRows), imp.totalRows ? fmtInt(imp.totalRows) : '—')}
      </Typography.Paragraph>
      <Counts imp={imp} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {R.progress.hint}
      </Typography.Paragraph>
    </div>
  );
}

function Counts({ imp }: { imp: RosterImport }) {
  return (
    <Row gutter={24}>
      <Col span={6}>
        <Statistic title={R.result.imported} value={imp.imported} suffix={R.result.people} styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col span={6}>
        <Statistic title={R.result.unchanged} value={imp.unchanged} suffix={R.result.people} />
      </Col>
      <Col span={6}>
        <Statistic title={R.result.conflicts} value={imp.conflicts} suffix={R.result.people} styles={imp.conflicts ? { content: { color: '#d46b08' } } : undefined} />
      </Col>
      <Col span={6}>
        <Statistic title={R.result.errors} value={imp.errors} suffix={R.result.rows} styles={imp.errors ? { content: { color: '#cf1322' } } : undefined} />
      </Col>
    </Row>
  );
}

function ResultPanel({ imp, onReport, onAgain }: { imp: RosterImport; onReport: () => void; onAgain: () => void }) {
  const navigate = useNavigate();
  const issues = imp.errors + imp.conflicts;
  const status = imp.status === 'failed' ? 'error' : issues > 0 ? 'warning' : 'success';
  const title = imp.status === 'failed' ? R.result.failed : issues > 0 ? R.result.doneWithIssues : R.result.done;
  return (
    <Result
      status={status}
      title={title}
      subTitle={imp.status === 'failed' ? imp.failure : `${imp.fileName} → ${imp.orgName}`}
      data-testid="roster-result"
      extra={
        <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
          {imp.status !== 'failed' || imp.processedRows > 0 ? <Counts imp={imp} /> : null}
          {issues > 0 && <Typography.Text type="secondary">{R.result.reportHint}</Typography.Text>}
          <Space>
            {issues > 0 && (
              <Button type="primary" icon={<DownloadOutlined />} onClick={onReport} data-testid="roster-report">
                {R.result.report}
              </Button>
            )}
            <Button onClick={onAgain}>{R.result.again}</Button>
            <Button onClick={() => navigate('/admin/members')}>{R.result.roster}</Button>
          </Space>
        </Space>
      }
    />
  );
}
