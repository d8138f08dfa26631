"""A bare aiogram bot, the baseline of `benchmarks.throughput`: no store, no flows.

    ECHO_TOKEN=… ECHO_API_URL=http://127.0.0.1:PORT python -m benchmarks.echo_bot

It polls the Bot API at ECHO_API_URL and answers every text with one message carrying one inline
button, and every press of a button with answerCallbackQuery and one message (with the same
button, so a user can press again). It stops on SIGTERM or SIGINT.
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

#: The one button every answer carries.
BUTTON = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="again", callback_data="echo")]]
)


def dispatcher() -> Dispatcher:
    """The echo's two handlers: a text, a press."""
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "", reply_markup=BUTTON)

    @dp.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer()
        if query.message is not None:
            await query.bot.send_message(query.message.chat.id, "pressed", reply_markup=BUTTON)  # type: ignore[union-attr]

    return dp


async def main() -> None:
    """Poll until a signal stops it."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["ECHO_API_URL"]))
    bot = Bot(os.environ["ECHO_TOKEN"], session=session)
    await dispatcher().start_polling(bot, polling_timeout=1, handle_signals=True)


if __name__ == "__main__":
    asyncio.run(main())
