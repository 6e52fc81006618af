/** A toast after a deletion with 撤销 (undo): the deleted row comes back where it was. */
import { Button } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';

let seq = 0;

export function offerUndo(message: MessageInstance, text: string, undo: () => void): void {
  const key = `undo-${++seq}`;
  void message.open({
    key,
    type: 'info',
    duration: 15,
    content: (
      <span data-testid="undo-toast">
        {text}
        <Button
          size="small"
          type="link"
          onClick={() => {
            message.destroy(key);
            undo();
          }}
        >
          撤销
        </Button>
      </span>
    ),
  });
}
