import { createRoot } from 'react-dom/client';
import { Button } from 'antd';
createRoot(document.getElementById('root')!).render(<Button>你好</Button>);
