import { createContext, useContext } from 'react';
import type { User } from './api.ts';

export const SessionContext = createContext<{ user: User | null; refresh: () => void }>({
  user: null,
  refresh: () => undefined,
});
export const useSession = () => useContext(SessionContext);

export const ROLE_LABELS: Record<User['role'], string> = {
  admin: '管理员',
  reviewer: '财政局复核人',
  editor: '单位填报人',
};
