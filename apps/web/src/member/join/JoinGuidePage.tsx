import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Input, Toast } from 'antd-mobile';
import { SubPage } from '../home/SubPage';
import { extractJoinToken } from './qr';
import { ScanJoinCodeButton } from './ScanButton';
import './join.css';

/**
 * /join without a code: joining always goes through a union's join code (一码入会), because the
 * code names the union that will review the application. This page says so and offers the two
 * ways in: photograph the code, or paste the link the union sent.
 */
export function JoinGuidePage() {
  const navigate = useNavigate();
  const [link, setLink] = useState('');
  const go = (token: string) => navigate(`/join/${token}`);

  const onPaste = () => {
    const token = extractJoinToken(link);
    if (!token) {
      Toast.show({ content: '请粘贴工会发送的入会链接' });
      return;
    }
    go(token);
  };

  return (
    <SubPage title="入会" testId="member-join-guide">
      <div className="gh-m-card">
        <div className="gh-m-card-title">如何加入工会</div>
        <ol className="gh-m-guide-steps">
          <li>
            <b>获取入会二维码</b>
            <span>向所在单位工会索取，或在单位公告栏、职工之家、驿站查看张贴的入会二维码。</span>
          </li>
          <li>
            <b>扫码填写实名信息</b>
            <span>用微信或手机相机扫码，也可以在下方拍照识别或粘贴入会链接。</span>
          </li>
          <li>
            <b>等待工会审核</b>
            <span>审核通过后即可领取电子会员卡，办理进度可随时查看。</span>
          </li>
        </ol>
        <ScanJoinCodeButton block color="primary" shape="rounded" size="large" onToken={go} />
        <div className="gh-m-or">或</div>
        <div className="gh-m-paste-row">
          <Input value={link} onChange={setLink} placeholder="粘贴入会链接" clearable />
          <Button color="primary" fill="outline" shape="rounded" onClick={onPaste}>
            前往
          </Button>
        </div>
      </div>
      <div className="gh-m-card">
        <div className="gh-m-card-title">所在单位没有工会？</div>
        <div className="gh-m-hint">
          快递员、外卖骑手、网约车和货车司机等新就业形态劳动者，可以加入所在城市的行业工会联合会。扫码后如页面提供“加入行业工会联合会”选项，可直接选择；也可以向所在街道（乡镇）工会索取行业工会的入会二维码，或拨打职工服务热线{' '}
          <a href="tel:12351">12351</a> 咨询。
        </div>
      </div>
    </SubPage>
  );
}
